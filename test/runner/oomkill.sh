#!/bin/sh
# Dies by a SIGKILL the runner did not send, as the cgroup OOM killer would do it.
printf 'S 0\n' >&3
kill -KILL $$
