/* compare: not written yet */
