/* lang: not written yet */
