/* sandbox: not written yet */
