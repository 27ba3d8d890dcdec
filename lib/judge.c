/* judge: not written yet */
