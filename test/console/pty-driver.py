#!/usr/bin/env python3
"""
Runs a console program in a real pseudo-terminal of a given width, as a person would: waits
for each prompt, types a line, and at the end presses Ctrl-C. Prints one JSON object: what
the terminal showed ("output", raw) and the program's exit code ("code").

usage: pty-driver.py COLUMNS PROMPT INPUTS_JSON -- command args...
"""
import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

DEADLINE_SECONDS = 60


def main() -> None:
    columns, prompt, inputs = int(sys.argv[1]), sys.argv[2].encode(), json.loads(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1:]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             env={**os.environ, "TERM": "xterm", "COLUMNS": str(columns)},
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    output = b""
    deadline = time.monotonic() + DEADLINE_SECONDS

    def read_until(done) -> None:
        nonlocal output
        while not done() and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if child.poll() is not None and not done():
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk

    for i, line in enumerate(inputs):
        read_until(lambda: output.count(prompt) >= i + 1)
        os.write(master, line.encode() + b"\r")
    read_until(lambda: output.count(prompt) >= len(inputs) + 1)
    os.write(master, b"\x03")  # Ctrl-C
    read_until(lambda: False)
    try:
        code = child.wait(timeout=max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        child.kill()
        code = -1
    print(json.dumps({"output": output.decode("utf-8", "replace"), "code": code}))


if __name__ == "__main__":
    main()
