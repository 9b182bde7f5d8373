#!/usr/bin/env python3
"""systemd's end of the notification socket, without systemd.

Binds the unix datagram socket a Type=notify service is given as NOTIFY_SOCKET, says "bound",
then prints every datagram it receives as one JSON string per line.
Usage: notify-receiver.py SOCKET_PATH
"""
import json
import socket
import sys

receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
receiver.bind(sys.argv[1])
print("bound", flush=True)
while True:
    print(json.dumps(receiver.recv(4096).decode()), flush=True)
