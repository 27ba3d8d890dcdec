/* engine: not written yet */
