/* images: not written yet */
