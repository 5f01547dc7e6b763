#!/usr/bin/env python3
"""Prints the 2^(k/128) table of Sources/Consensus/Exponential.swift.

For k in 0..<128, with e = 2^(k/128) to 80 digits: H = the double nearest e,
T = the double nearest (e - H)/H (so 2^(k/128) ~= H*(1 + T)); the table holds the bits of T and
(next) the bits of H minus k*2^45 (so that adding k*2^45 back, shifted to the exponent field with the
whole part of the argument, gives the scale). This is the table of the C library's exp (glibc
2.28 and later, sysdeps/ieee754/dbl-64/e_exp_data.c), which the Swift tests check bit for bit.
"""
import struct
from decimal import Decimal, getcontext

getcontext().prec = 80


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


table = []
for k in range(128):
    e = Decimal(2) ** (Decimal(k) / Decimal(128))
    h = float(e)  # Decimal -> float rounds to nearest
    t = float((e - Decimal(h)) / Decimal(h))
    table += [bits(t), (bits(h) - (k << 45)) % 2**64]


def rows(values):
    return "\n".join(
        "    " + ", ".join("0x%016x" % v for v in values[i:i + 4]) + ","
        for i in range(0, len(values), 4)
    )


print("  @usableFromInline static let table: [UInt64] = [\n" + rows(table) + "\n  ]")
