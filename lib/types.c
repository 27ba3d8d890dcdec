/* types: not written yet */
