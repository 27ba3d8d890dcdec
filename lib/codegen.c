/* codegen: not written yet */
