/* sha256: not written yet */
