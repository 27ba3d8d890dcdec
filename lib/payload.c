/* payload: not written yet */
