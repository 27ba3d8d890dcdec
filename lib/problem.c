/* problem: not written yet */
