#!/usr/bin/env python3
"""A strict SIM800-like GSM modem on a pseudo-terminal, for testing gsmkeeper from the outside.

    python3 test/fakes/strict_modem.py --link LINK --control SOCKET [options]

Written from the SIM800 Series AT Command Manual (V1.09) and 3GPP TS 27.005 / 27.007 / 23.040, not
from gsmkeeper's simulator, and sharing no code with it. It owns a pty pair, points LINK at the
terminal and prints "STRICT MODEM READY /dev/pts/N" on stderr once it answers.

What it does, as the manual says a SIM800 does:
- echo on until ATE0; V1 result codes framed as <CR><LF>text<CR><LF>; a command line ends at CR;
  extended commands may be chained with ';'; a line over 556 characters is refused;
- ERROR for anything it does not implement; +CME ERROR: <n> (27.007 §9.2) or +CMS ERROR: <n>
  (27.005 §3.2.5) for refusals once AT+CMEE=1; --refuse makes a "bare" modem that refuses AT+CLIP,
  AT+CSMS, AT+CNMA, the "SR" memory, or <ds> in AT+CNMI (listed as SIM800 lists it, refused when set),
  or only <ds> 2 (reports inline, as SIM800 hands them on);
- PDU mode only for messages (AT+CMGF=1 is accepted, but then the message commands answer ERROR);
  a SIM store of --slots messages with +CMTI: "SM",<index> per 27.005 §3.4.1; AT+CMGL=4, AT+CMGR,
  AT+CMGD (with <delflag>); AT+CMGS=<length> with the "> " prompt, the PDU ended by Ctrl-Z (ESC
  cancels), checked against <length>, answered +CMGS: <mr>; status reports (when the SMS asks
  for one) stored in "SR" with +CDSI, or inline as +CDS, as AT+CNMI <ds> says;
- AT+CUSD=1,"<code>",15 answered OK at once and +CUSD: 0,"<text>",15 after --ussd-delay seconds by
  a carrier that recharges with --voucher codes (each once) and answers a balance code;
- its own IMSI (--carrier vivacom: 284-03, a1: 284-01), +CSQ, +CREG, +COPS;
- every byte it prints paced at --baud (10 bits a byte).

The control socket takes one JSON object a connection and answers one:
  {"op": "inject", "pdu": "<SMS-DELIVER hex with SMSC>"}   → {"ok": true, "index": n} (stored, +CMTI)
  {"op": "reboot"} → {"ok": true} (settings lost, the start-up banner printed, as after a brown-out)
  {"op": "state"}  → sent PDUs, USSD requests, every command line, refusals, storage use, settings
Only the standard library.
"""

import argparse
import json
import os
import select
import signal
import socket
import sys
import time
import tty

MAX_LINE = 556  # SIM800 manual §2.2.1: the command line buffer
MAX_PDU_HEX = 2 * (175 + 12)  # a TPDU of 175 octets at most (23.040) and an SMSC address
CTRL_Z, ESC = 0x1A, 0x1B

CARRIERS = {
    "vivacom": {"imsi": "284030000004242", "mccmnc": "28403", "name": "VIVACOM BG", "topup": ("*101#", "#", 15), "balance": "*102#"},
    "a1": {"imsi": "284010000004242", "mccmnc": "28401", "name": "A1 BG", "topup": ("*100*", "#", 14), "balance": "*100#"},
}

# Carrier texts (the first is the example of the task's issue; the others in the style of the
# published texts test/vectors/carrier-texts.ts lists).
TOPUP_TEXT = "Top-up successful: +{added} BGN. Balance: {balance} BGN, valid until {valid}."
BALANCE_TEXT = "Your balance is {balance} BGN, valid until {valid}."
REJECTED_TEXT = "Invalid voucher code. Please check the number and try again."
UNKNOWN_CODE_TEXT = "Unknown application"


class Pacer:
    """Bytes out at the line's speed: a byte takes 10 bit times (start, 8 data, stop)."""

    def __init__(self, fd, baud):
        self.fd = fd
        self.per_byte = 10.0 / baud
        self.buffer = bytearray()
        self.clock = time.monotonic()

    def push(self, data):
        if not self.buffer:
            self.clock = max(self.clock, time.monotonic())
        self.buffer += data

    def flush(self):
        """Writes what the elapsed time allows; returns seconds until the next byte is due, or None."""
        if not self.buffer:
            return None
        now = time.monotonic()
        due = int((now - self.clock) / self.per_byte)
        if due <= 0:
            return self.per_byte
        try:
            written = os.write(self.fd, bytes(self.buffer[:due]))
        except BlockingIOError:
            return 0.005
        del self.buffer[:written]
        self.clock += written * self.per_byte
        return self.per_byte if self.buffer else None


class Storage:
    """A message memory: slots 1..size holding [stat, pdu-with-smsc]."""

    def __init__(self, name, size):
        self.name = name
        self.size = size
        self.slots = {}

    def free_index(self):
        for i in range(1, self.size + 1):
            if i not in self.slots:
                return i
        return None


def tpdu_length(pdu_hex):
    smsc_octets = int(pdu_hex[0:2], 16)
    return len(pdu_hex) // 2 - 1 - smsc_octets


def swap_digits(number):
    digits = number + ("F" if len(number) % 2 else "")
    return "".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2))


def scts(when):
    fields = [when.tm_year % 100, when.tm_mon, when.tm_mday, when.tm_hour, when.tm_min, when.tm_sec, 0]
    return "".join(swap_digits("%02d" % f) for f in fields)


def parse_submit(tpdu):
    """The fields of an SMS-SUBMIT a status report needs (23.040 §9.2.2.2): SRR, MR, destination."""
    first = tpdu[0]
    if first & 0x03 != 0x01:
        raise ValueError("not an SMS-SUBMIT")
    mr = tpdu[1]
    digits = tpdu[2]
    toa = tpdu[3]
    octets = (digits + 1) // 2
    if 4 + octets + 2 > len(tpdu):
        raise ValueError("destination overruns the PDU")
    address = tpdu[4:4 + octets].hex().upper()
    return {"srr": bool(first & 0x20), "mr": mr, "da_len": digits, "toa": toa, "da": address}


def status_report(submit):
    """An SMS-STATUS-REPORT (23.040 §9.2.2.3) saying the SMS was delivered, with an empty SMSC."""
    now = scts(time.gmtime())
    tpdu = "06%02X%02X%02X%s%s%s00" % (submit["mr"], submit["da_len"], submit["toa"], submit["da"], now, now)
    return "00" + tpdu


def split_params(text):
    """Parameters separated by commas, quotes kept whole (27.007 §4.1)."""
    params, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            current += ch
        elif ch == "," and not quoted:
            params.append(current.strip())
            current = ""
        else:
            current += ch
    params.append(current.strip())
    return params


def unquote(value):
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return None


class Refused(Exception):
    """A command the modem knows but will not do: +CME ERROR: <code> (or +CMS ERROR) with CMEE."""

    def __init__(self, code=4, sms=False):
        super().__init__(code)
        self.code = code
        self.sms = sms


class Unknown(Exception):
    """Not a command this modem has: plain ERROR."""


class Modem:
    def __init__(self, args, fd):
        self.args = args
        self.carrier = CARRIERS[args.carrier]
        self.refuse = set(args.refuse)
        self.out = Pacer(fd, args.baud)
        self.memories = {"SM": Storage("SM", args.slots), "ME": Storage("ME", 20)}
        if "SR" not in self.refuse:
            self.memories["SR"] = Storage("SR", 20)
        self.vouchers = {code: False for code in args.voucher}
        self.balance = 1234  # cents
        self.timers = []  # (when, callback)
        self.sent = []
        self.ussd_requests = []
        self.commands = []
        self.refusals = []
        self.violations = []  # command lines written before the previous command's final result
        self.final_pending = False
        self.line = bytearray()
        self.prompt = None  # the <length> of an AT+CMGS waiting for its PDU
        self.pdu = bytearray()
        self.ussd_pending = False
        self.mr = 0
        self.waiting = []  # SMS-DELIVERs the service centre holds while the receive memory is full
        self.awaiting_ack = False
        self.reset_settings()

    def reset_settings(self):
        self.echo = True
        self.cmee = 0
        self.cmgf = 0
        self.cscs = "IRA"
        self.cnmi = [0, 0, 0, 0, 0]
        self.csms = 0
        self.clip = 0
        self.creg = 0
        self.cops_format = 0
        self.mem = ["SM", "SM", "SM"]

    # ── output

    def emit(self, text):
        self.out.push(("\r\n" + text + "\r\n").encode("latin-1"))

    def urc(self, text):
        """Unsolicited result codes wait while a command line or the prompt is open."""
        if self.prompt is not None or self.line:
            self.timers.append((time.monotonic() + 0.05, lambda: self.urc(text)))
        else:
            self.emit(text)

    def error(self, exc):
        if isinstance(exc, Refused) and self.cmee:
            self.emit(("+CMS ERROR: %d" if exc.sms else "+CME ERROR: %d") % exc.code)
        else:
            self.emit("ERROR")

    # ── input

    def feed(self, data):
        for byte in data:
            if self.prompt is not None:
                self.feed_prompt(byte)
                continue
            if self.echo:
                self.out.push(bytes([byte]))
            if byte == 0x0D:
                line = self.line.decode("latin-1")
                self.line = bytearray()
                self.run_line(line)
            elif byte == 0x0A or byte == ESC:
                continue
            elif byte == 0x08:
                del self.line[-1:]
            elif len(self.line) <= MAX_LINE:
                self.line.append(byte)

    def feed_prompt(self, byte):
        if self.echo and byte not in (CTRL_Z, ESC):
            self.out.push(bytes([byte]))
        if byte == ESC:
            self.prompt = None
            self.pdu = bytearray()
            self.emit("OK")
        elif byte == CTRL_Z:
            length, pdu = self.prompt, self.pdu.decode("latin-1").strip()
            self.prompt = None
            self.pdu = bytearray()
            self.submit(length, pdu)
        elif byte in (0x0D, 0x0A):
            pass
        elif len(self.pdu) < MAX_PDU_HEX:
            self.pdu.append(byte)
        else:
            self.prompt = None
            self.pdu = bytearray()
            self.error(Refused(304, sms=True))

    def run_line(self, line):
        line = line.strip()
        if self.final_pending and line:
            # The manual: a command line is not taken before the final result of the last one.
            self.violations.append(line)
            return
        self.commands.append(line)
        if len(line) > MAX_LINE:
            return self.emit("ERROR")
        if not line:
            return
        if line[:2].upper() != "AT":
            return  # not a command line: ignored, as the manual's modem does
        body = line[2:]
        try:
            for command in self.split_commands(body):
                self.run(command)
        except (Refused, Unknown) as exc:
            self.refusals.append(line)
            return self.error(exc)
        if self.prompt is None:
            self.emit("OK")

    @staticmethod
    def split_commands(body):
        """`+CMGF=0;+CSCS="GSM"`: extended commands chained by ';' outside quotes."""
        if not body:
            return []
        parts, current, quoted = [], "", False
        for ch in body:
            if ch == '"':
                quoted = not quoted
            if ch == ";" and not quoted:
                parts.append(current)
                current = ""
            else:
                current += ch
        if current:
            parts.append(current)
        return parts

    # ── commands

    def run(self, command):
        upper = command.upper()
        if not upper.startswith("+"):
            return self.basic(upper)
        name = upper
        for sep in ("=?", "?", "="):
            if sep in upper:
                name = upper[: upper.index(sep)]
                break
        kind = "test" if upper[len(name):].startswith("=?") else "read" if upper[len(name):].startswith("?") else "set" if upper[len(name):].startswith("=") else "exec"
        value = command[len(name) + 1:] if kind == "set" else ""
        handler = getattr(self, "at_" + name[1:].lower(), None)
        if handler is None:
            raise Unknown()
        if name[1:].lower() in self.refuse:
            raise Refused(4, sms=name in ("+CSMS", "+CNMA"))
        return handler(kind, value)

    def basic(self, command):
        if command in ("", "Z", "&F"):
            if command:
                self.reset_settings()
            return
        if command in ("E0", "E1", "E"):
            self.echo = command == "E1"
            return
        if command in ("V1", "Q0", "&W"):
            return
        if command in ("H", "H0"):
            return
        if command == "I":
            return self.emit("SIM800 R14.18")
        raise Unknown()

    def info(self, kind, answers):
        if kind not in answers:
            raise Refused(3)
        answer = answers[kind]
        if answer:
            self.emit(answer)

    def at_cgmi(self, kind, _):
        self.info(kind, {"exec": "SIMCOM_Ltd", "test": ""})

    def at_cgmm(self, kind, _):
        self.info(kind, {"exec": "SIMCOM_SIM800L", "test": ""})

    def at_cgmr(self, kind, _):
        self.info(kind, {"exec": "Revision:1418B05SIM800L24", "test": ""})

    def at_cgsn(self, kind, _):
        self.info(kind, {"exec": "867856030000001", "test": ""})

    def at_cimi(self, kind, _):
        self.info(kind, {"exec": self.carrier["imsi"], "test": ""})

    def at_cnum(self, kind, _):
        self.info(kind, {"exec": "", "test": ""})  # the SIM keeps no number

    def at_cpin(self, kind, _):
        self.info(kind, {"read": "+CPIN: READY", "test": ""})

    def at_csq(self, kind, _):
        self.info(kind, {"exec": "+CSQ: 20,0", "test": "+CSQ: (0-31,99),(0-7,99)"})

    def numeric(self, value, allowed):
        try:
            number = int(value)
        except ValueError:
            raise Refused(3)
        if number not in allowed:
            raise Refused(3)
        return number

    def at_cmee(self, kind, value):
        if kind == "set":
            self.cmee = self.numeric(value, (0, 1, 2))
        else:
            self.info(kind, {"read": "+CMEE: %d" % self.cmee, "test": "+CMEE: (0-2)"})

    def at_cmgf(self, kind, value):
        if kind == "set":
            self.cmgf = self.numeric(value, (0, 1))
        else:
            self.info(kind, {"read": "+CMGF: %d" % self.cmgf, "test": "+CMGF: (0,1)"})

    def at_cscs(self, kind, value):
        sets = ("IRA", "GSM", "UCS2", "HEX", "PCCP936")
        if kind == "set":
            chosen = unquote(value)
            if chosen not in sets:
                raise Refused(3)
            self.cscs = chosen
        else:
            self.info(kind, {"read": '+CSCS: "%s"' % self.cscs, "test": "+CSCS: (%s)" % ",".join('"%s"' % s for s in sets)})

    def at_creg(self, kind, value):
        if kind == "set":
            self.creg = self.numeric(value, (0, 1, 2))
        else:
            self.info(kind, {"read": "+CREG: %d,1" % self.creg, "test": "+CREG: (0-2)"})

    def at_cops(self, kind, value):
        if kind == "set":
            params = split_params(value)
            if len(params) != 2 or params[0] != "3":
                raise Refused(3)
            self.cops_format = self.numeric(params[1], (0, 1, 2))
        elif kind == "read":
            name = self.carrier["mccmnc"] if self.cops_format == 2 else self.carrier["name"]
            self.emit('+COPS: 0,%d,"%s"' % (self.cops_format, name))
        else:
            self.info(kind, {"test": '+COPS: (2,"%s","%s","%s"),,(0-4),(0-2)' % (self.carrier["name"], self.carrier["name"], self.carrier["mccmnc"])})

    def at_cfun(self, kind, value):
        if kind == "set":
            params = split_params(value)
            self.numeric(params[0], (0, 1, 4))
            if len(params) > 1 and params[1] == "1":
                self.timers.append((time.monotonic() + 0.2, self.reboot))
        else:
            self.info(kind, {"read": "+CFUN: 1", "test": "+CFUN: (0,1,4),(0,1)"})

    def reboot(self):
        self.reset_settings()
        for text in ("RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"):
            self.emit(text)

    def at_chup(self, kind, _):
        self.info(kind, {"exec": "", "test": ""})

    def at_clip(self, kind, value):
        if kind == "set":
            self.clip = self.numeric(value, (0, 1))
        else:
            self.info(kind, {"read": "+CLIP: %d,1" % self.clip, "test": "+CLIP: (0,1)"})

    def at_csms(self, kind, value):
        if kind == "set":
            self.csms = self.numeric(value, (0, 1))
            self.emit("+CSMS: 1,1,1")
        else:
            self.info(kind, {"read": "+CSMS: %d,1,1,1" % self.csms, "test": "+CSMS: (0,1)"})

    def at_cnma(self, kind, _):
        # 27.005 §3.4.4: only when the modem waits for an acknowledgement (+CSMS 1); else 340.
        if kind == "test":
            return self.emit("+CNMA: (0-2)")
        if self.csms != 1 or not self.awaiting_ack:
            raise Refused(340, sms=True)
        self.awaiting_ack = False

    # ── messages (27.005)

    def require_pdu_mode(self):
        if self.cmgf != 0:
            raise Refused(302, sms=True)

    def memory_list(self):
        return "(%s)" % ",".join('"%s"' % m for m in self.memories)

    def cpms_counts(self, names):
        return ",".join("%d,%d" % (len(self.memories[m].slots), self.memories[m].size) for m in names)

    def at_cpms(self, kind, value):
        if kind == "test":
            return self.emit("+CPMS: %s,%s,%s" % (self.memory_list(), self.memory_list(), self.memory_list()))
        if kind == "read":
            return self.emit("+CPMS: " + ",".join('"%s",%d,%d' % (m, len(self.memories[m].slots), self.memories[m].size) for m in self.mem))
        if kind != "set":
            raise Refused(3)
        chosen = [unquote(p) for p in split_params(value)]
        if not chosen or len(chosen) > 3 or any(m not in self.memories for m in chosen):
            raise Refused(302, sms=True)
        for i, m in enumerate(chosen):
            self.mem[i] = m
        self.emit("+CPMS: " + self.cpms_counts(self.mem))

    def at_cnmi(self, kind, value):
        ds = "(0,1)" if "ds" in self.refuse or "ds2" in self.refuse else "(0-2)"
        if kind == "test":
            return self.emit("+CNMI: (0-3),(0-3),(0,2),%s,(0,1)" % ds)
        if kind == "read":
            return self.emit("+CNMI: " + ",".join(str(v) for v in self.cnmi))
        if kind != "set":
            raise Refused(3)
        params = split_params(value)
        if len(params) > 5:
            raise Refused(303, sms=True)
        ds_allowed = (0,) if "ds" in self.refuse else (0, 1) if "ds2" in self.refuse else (0, 1, 2)
        allowed = [(0, 1, 2, 3), (0, 1, 2, 3), (0, 2), ds_allowed, (0, 1)]
        values = list(self.cnmi)
        for i, p in enumerate(params):
            if p == "":
                continue
            try:
                v = int(p)
            except ValueError:
                raise Refused(303, sms=True)
            if v not in allowed[i]:
                raise Refused(303, sms=True)
            values[i] = v
        self.cnmi = values

    def at_cmgl(self, kind, value):
        self.require_pdu_mode()
        if kind == "test":
            return self.emit("+CMGL: (0-4)")
        stat = self.numeric(value, (0, 1, 2, 3, 4)) if kind == "set" else 0
        store = self.memories[self.mem[0]]
        for index in sorted(store.slots):
            slot = store.slots[index]
            if stat == 4 or slot[0] == stat:
                self.emit_listed("+CMGL: %d,%d,,%d" % (index, slot[0], tpdu_length(slot[1])), slot[1])
                if slot[0] == 0:
                    slot[0] = 1

    def emit_listed(self, header, pdu):
        self.out.push(("\r\n%s\r\n%s\r\n" % (header, pdu)).encode("latin-1"))

    def at_cmgr(self, kind, value):
        self.require_pdu_mode()
        if kind == "test":
            return
        if kind != "set":
            raise Refused(3)
        store = self.memories[self.mem[0]]
        index = self.numeric(split_params(value)[0], range(1, store.size + 1))
        slot = store.slots.get(index)
        if slot is None:
            return  # an empty slot: OK alone, as SIM800 answers
        self.emit_listed("+CMGR: %d,,%d" % (slot[0], tpdu_length(slot[1])), slot[1])
        if slot[0] == 0:
            slot[0] = 1

    def at_cmgd(self, kind, value):
        self.require_pdu_mode()
        store = self.memories[self.mem[0]]
        if kind == "test":
            return self.emit("+CMGD: (%s),(0-4)" % ",".join(str(i) for i in sorted(store.slots)))
        if kind != "set":
            raise Refused(3)
        params = split_params(value)
        index = self.numeric(params[0], range(0, store.size + 1))
        flag = self.numeric(params[1], (0, 1, 2, 3, 4)) if len(params) > 1 else 0
        if flag == 0:
            if index == 0 or index not in store.slots:
                raise Refused(321, sms=True)  # invalid memory index
            del store.slots[index]
        else:
            gone = {1: (1,), 2: (1, 3), 3: (1, 2, 3), 4: (0, 1, 2, 3)}[flag]
            for i in [i for i, slot in store.slots.items() if slot[0] in gone]:
                del store.slots[i]
        self.deliver_waiting()

    def at_cmgs(self, kind, value):
        self.require_pdu_mode()
        if kind == "test":
            return
        if kind != "set":
            raise Refused(3)
        length = self.numeric(split_params(value)[0], range(7, 176))
        self.prompt = length
        self.out.push(b"\r\n> ")

    def submit(self, length, pdu):
        try:
            raw = bytes.fromhex(pdu)
            smsc = raw[0]
            tpdu = raw[1 + smsc:]
            if len(tpdu) != length:
                raise ValueError("length %d, TPDU %d octets" % (length, len(tpdu)))
            submit = parse_submit(tpdu)
        except ValueError:
            return self.error(Refused(304, sms=True))
        self.mr = (self.mr + 1) % 256
        mr = self.mr
        self.final_pending = True
        self.sent.append({"length": length, "pdu": pdu, "mr": mr})
        submit["mr"] = mr

        def accepted():
            self.final_pending = False
            self.emit("+CMGS: %d" % mr)
            self.emit("OK")
            if submit["srr"]:
                self.timers.append((time.monotonic() + 0.2, lambda: self.report(submit)))

        self.timers.append((time.monotonic() + self.args.send_delay, accepted))

    def report(self, submit):
        ds = self.cnmi[3]
        pdu = status_report(submit)
        if ds == 1:
            if self.csms == 1:
                self.awaiting_ack = True
            self.urc("+CDS: %d\r\n%s" % (tpdu_length(pdu), pdu))
        elif ds == 2:
            store = self.memories.get("SR") or self.memories[self.mem[2]]
            index = store.free_index()
            if index is not None:
                store.slots[index] = [0, pdu]
                self.urc('+CDSI: "%s",%d' % (store.name, index))

    # ── messages from the network (the control channel)

    def inject(self, pdu):
        raw = bytes.fromhex(pdu)
        if len(raw) < 2 or raw[0] + 1 >= len(raw) or raw[1 + raw[0]] & 0x03 != 0x00:
            raise ValueError("not an SMS-DELIVER with its SMSC")
        self.waiting.append(pdu.upper())
        return self.deliver_waiting()

    def deliver_waiting(self):
        """The service centre hands on what it holds while the receive memory has room."""
        store = self.memories[self.mem[2]]
        index = None
        while self.waiting:
            index = store.free_index()
            if index is None:
                return None
            store.slots[index] = [0, self.waiting.pop(0)]
            if self.cnmi[1] in (1, 2, 3):
                self.urc('+CMTI: "%s",%d' % (store.name, index))
        return index

    def state(self):
        return {
            "sent": self.sent,
            "ussd": self.ussd_requests,
            "commands": self.commands,
            "refusals": self.refusals,
            "violations": self.violations,
            "storage": {name: len(m.slots) for name, m in self.memories.items()},
            "waiting": len(self.waiting),
            "settings": {"echo": self.echo, "cmee": self.cmee, "cmgf": self.cmgf, "cscs": self.cscs, "cnmi": self.cnmi, "clip": self.clip, "csms": self.csms, "mem": self.mem},
            "balance": "%d.%02d" % divmod(self.balance, 100),
        }

    # ── USSD (27.007 §7.15)

    def at_cusd(self, kind, value):
        if kind == "test":
            return self.emit("+CUSD: (0-2)")
        if kind == "read":
            return self.emit("+CUSD: 1")
        if kind != "set":
            raise Refused(3)
        params = split_params(value)
        n = self.numeric(params[0], (0, 1, 2))
        if n == 2:
            self.ussd_pending = False
            return
        if len(params) == 1:
            return
        code = unquote(params[1])
        if code is None or (len(params) > 2 and params[2] not in ("15", "")):
            raise Refused(3)
        if self.cscs == "UCS2":
            try:
                code = bytes.fromhex(code).decode("utf-16-be")
            except ValueError:
                raise Refused(3)
        if self.ussd_pending:
            raise Refused(3)
        self.ussd_pending = True
        self.ussd_requests.append(code)
        answer = self.carrier_answer(code)
        self.timers.append((time.monotonic() + self.args.ussd_delay, lambda: self.ussd_answer(answer)))

    def carrier_answer(self, code):
        valid = "01.01.2027"
        prefix, suffix, digits = self.carrier["topup"]
        if code == self.carrier["balance"]:
            return BALANCE_TEXT.format(balance="%d.%02d" % divmod(self.balance, 100), valid=valid)
        if code.startswith(prefix) and code.endswith(suffix):
            voucher = code[len(prefix):-len(suffix)]
            if len(voucher) != digits or not voucher.isdigit() or voucher not in self.vouchers or self.vouchers[voucher]:
                return REJECTED_TEXT
            self.vouchers[voucher] = True
            self.balance += 1000
            return TOPUP_TEXT.format(added="10.00", balance="%d.%02d" % divmod(self.balance, 100), valid=valid)
        return UNKNOWN_CODE_TEXT

    def ussd_answer(self, text):
        if not self.ussd_pending:
            return
        self.ussd_pending = False
        if self.cscs == "UCS2":
            text = text.encode("utf-16-be").hex().upper()
        self.urc('+CUSD: 0,"%s",15' % text)


def control(modem, connection):
    data = b""
    connection.settimeout(2)
    try:
        while not data.endswith(b"\n") and len(data) < 65536:
            chunk = connection.recv(4096)
            if not chunk:
                break
            data += chunk
        request = json.loads(data.decode("utf-8"))
        if request.get("op") == "inject":
            answer = {"ok": True, "index": modem.inject(request["pdu"])}
        elif request.get("op") == "reboot":
            modem.reboot()
            answer = {"ok": True}
        elif request.get("op") == "state":
            answer = modem.state()
        else:
            answer = {"ok": False, "error": "unknown op"}
    except (ValueError, KeyError, OSError) as exc:
        answer = {"ok": False, "error": str(exc)}
    try:
        connection.sendall((json.dumps(answer) + "\n").encode("utf-8"))
    except OSError:
        pass
    connection.close()


def point_link_at(link, target):
    staging = "%s.%d" % (link, os.getpid())
    os.symlink(target, staging)
    os.replace(staging, link)


def main():
    parser = argparse.ArgumentParser(description="A strict SIM800-like modem on a pty")
    parser.add_argument("--link", required=True)
    parser.add_argument("--control", required=True)
    parser.add_argument("--carrier", choices=sorted(CARRIERS), default="vivacom")
    parser.add_argument("--voucher", action="append", default=[])
    parser.add_argument("--refuse", default="", type=lambda s: [x.strip().lower() for x in s.split(",") if x.strip()],
                        help="comma-separated: clip, csms, cnma, sr, ds (listed as SIM800 lists it, refused when set), ds2 (inline reports only, as SIM800)")
    parser.add_argument("--slots", type=int, default=50)
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--ussd-delay", type=float, default=0.3)
    parser.add_argument("--send-delay", type=float, default=0.1)
    args = parser.parse_args()

    master, terminal = os.openpty()
    tty.setraw(terminal)
    os.set_blocking(master, False)
    name = os.ttyname(terminal)
    point_link_at(args.link, name)
    modem = Modem(args, master)

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if os.path.exists(args.control):
        os.unlink(args.control)
    server.bind(args.control)
    server.listen(8)

    def stop(signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.stderr.write("STRICT MODEM READY %s\n" % name)
    sys.stderr.flush()
    try:
        while True:
            now = time.monotonic()
            due = [t for t in modem.timers if t[0] <= now]
            modem.timers = [t for t in modem.timers if t[0] > now]
            for _, callback in sorted(due, key=lambda t: t[0]):
                callback()
            next_byte = modem.out.flush()
            deadlines = [t[0] - time.monotonic() for t in modem.timers]
            if next_byte is not None:
                deadlines.append(next_byte)
            timeout = max(0.0, min(deadlines)) if deadlines else 1.0
            ready, _, _ = select.select([master, server], [], [], timeout)
            if master in ready:
                try:
                    data = os.read(master, 4096)
                except (BlockingIOError, OSError):
                    data = b""
                if data:
                    modem.feed(data)
            if server in ready:
                connection, _ = server.accept()
                control(modem, connection)
    finally:
        if os.path.islink(args.link) and os.readlink(args.link) == name:
            os.unlink(args.link)
        if os.path.exists(args.control):
            os.unlink(args.control)


if __name__ == "__main__":
    main()
