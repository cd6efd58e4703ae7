"""Write json-floats.txt: how Python's json.dumps writes floats.

The vectors of PythonFloatFormatTests. Regenerate from this directory with

    /usr/bin/python3 json_floats.py > json-floats.txt

(any CPython 3 gives the same output). A line "# title" starts a group of vectors;
each vector is a kind, the IEEE 754 bits of a value in hexadecimal, and what
json.dumps writes for it:

  d <64 bits> <json>  a double: json.dumps of that float
  f <32 bits> <json>  a float32 (a Java Float): json.dumps of the float Python reads
                      from the float32's shortest digits, found here with exact
                      rational arithmetic (and checked against numpy when it is there)
"""

import decimal
import json
import math
import random
import struct
from fractions import Fraction


def double_bits(x):
    return struct.unpack('>Q', struct.pack('>d', x))[0]


def double_of(bits):
    return struct.unpack('>d', struct.pack('>Q', bits))[0]


def float32_of(bits):
    return struct.unpack('>f', struct.pack('>I', bits))[0]


def float32_bits(x):
    return struct.unpack('>I', struct.pack('>f', x))[0]


def float32_reads_back(text, bits):
    """Whether the decimal text reads as the positive float32 with these bits (round to
    nearest, ties to even), decided exactly from the midpoints to its neighbours."""
    value = Fraction(float32_of(bits))
    candidate = Fraction(decimal.Decimal(text))
    mantissa_even = bits % 2 == 0
    below = Fraction(float32_of(bits - 1))
    above = Fraction(float32_of(bits + 1)) if bits < 0x7f7fffff else None
    low = (below + value) / 2
    if candidate < low or (candidate == low and not mantissa_even):
        return False
    if above is None:
        # past FLT_MAX rounds to infinity from the midpoint to 2**128
        high = Fraction(2) ** 128 - (Fraction(2) ** 128 - value) / 2
    else:
        high = (value + above) / 2
    return candidate < high or (candidate == high and mantissa_even)


def float32_shortest(bits):
    """The shortest decimal that reads back as the float32, the closest when two are."""
    if bits & 0x80000000:
        return '-' + float32_shortest(bits & 0x7fffffff)
    exact = decimal.Decimal(float32_of(bits))
    for digits in range(1, 10):
        candidates = []
        for rounding in (decimal.ROUND_FLOOR, decimal.ROUND_CEILING):
            context = decimal.Context(prec=digits, rounding=rounding)
            text = str(context.plus(exact))
            if float32_reads_back(text, bits):
                candidates.append(text)
        if candidates:
            return min(candidates, key=lambda text: (abs(decimal.Decimal(text) - exact),
                                                     decimal.Decimal(text).as_tuple().digits[-1] % 2))
    raise AssertionError(bits)


def double_groups():
    powers_of_ten = []
    for exponent in range(-325, 310):
        x = float('1e%d' % exponent)
        powers_of_ten.append(x)
        if -25 <= exponent <= 25 or exponent < -300 or exponent > 300:
            powers_of_ten += [math.nextafter(x, 0), math.nextafter(x, math.inf)]
    rng = random.Random(20261206)
    decimals = [rng.random() * 10 ** rng.randint(-8, 20) for _ in range(200)]
    bit_patterns = [x for x in (double_of(rng.getrandbits(64)) for _ in range(500)) if not math.isnan(x)]
    return [
        ('common values', [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1.5, 9.99, 100.0, 123.456,
                           -273.15, 3.141592653589793, 2.718281828459045, 0.5, 0.25, 1e-7, 1.5e-7, 0.002,
                           12345.678]),
        ('not finite', [float('nan'), float('inf'), float('-inf')]),
        ('largest and smallest, normal and subnormal', [5e-324, 1e-323, 2.225073858507201e-308,
                                                        2.2250738585072014e-308, 1.7976931348623157e308]),
        ('around the switch to exponent notation', [1e15, 1e16, 1e17, 9999999999999998.0, 1234567890123456.7,
                                                    123456789012345678.0, 0.001, 0.0001, 0.00001, 0.000123,
                                                    0.0000123, 0.00009999999999999999]),
        ('whole numbers past 2**53, 2 apart', [2.0 ** 53, 2.0 ** 53 + 2, 9007199254740993.0, 9999999999999996.0,
                                               9999999999999994.0]),
        ('where Java 17 writes more digits than needed, or not the closest (JDK-4511638)',
         [2.82879384806159e17, 1.0e23, -1.6130484589462314e+17, 2.109793591122499e+16, -3.161528455128064e+20,
          8e-323, 1.6e-322, 3.0617315596860196e+25, 1.698316719971904e+19, 1.027734211737344e+20]),
        ('powers of ten and their neighbours', powers_of_ten),
        ('powers of two, whose neighbour below is twice as close as the one above',
         [2.0 ** exponent for exponent in range(-1074, 1024)]),
        ('random decimals, seed 20261206', decimals),
        ('random bit patterns, seed 20261206', bit_patterns),
    ]


def float32_groups():
    powers_of_ten = [float32_bits(float('1e%d' % exponent)) for exponent in range(-46, 39)]
    rng = random.Random(20261207)
    bit_patterns = [b for b in (rng.getrandbits(32) for _ in range(400)) if (b >> 23) & 0xff != 0xff]
    return [
        ('common values, extremes and not finite',
         [0x00000000, 0x80000000, 0x3f800000, 0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0x7f800000,
          0xff800000, 0x7fc00000, float32_bits(0.1), float32_bits(1 / 3), float32_bits(2.5),
          float32_bits(16777216.0), float32_bits(16777218.0), float32_bits(1e10), float32_bits(3.4e38)]),
        ('powers of ten', powers_of_ten),
        ('powers of two', [float32_bits(2.0 ** exponent) for exponent in range(-149, 128)]),
        ('random bit patterns, seed 20261207', bit_patterns),
    ]


def float32_json(bits):
    x = float32_of(bits)
    if math.isnan(x) or math.isinf(x) or x == 0:
        return json.dumps(x)
    return json.dumps(float(float32_shortest(bits)))


def check_with_numpy(bits):
    try:
        import numpy
    except ImportError:
        return
    for b in bits:
        x = numpy.frombuffer(struct.pack('<I', b), dtype=numpy.float32)[0]
        if numpy.isfinite(x) and x != 0:
            assert float(repr(float(str(x)))) == float(float32_shortest(b)), (hex(b), str(x))


def main():
    print('## written by json_floats.py: do not edit')
    for title, values in double_groups():
        print('# double: ' + title)
        for x in dict.fromkeys(double_bits(x) for x in values):
            print('d %016x %s' % (x, json.dumps(double_of(x))))
    for title, bits in float32_groups():
        check_with_numpy(bits)
        print('# float: ' + title)
        for b in dict.fromkeys(bits):
            print('f %08x %s' % (b, float32_json(b)))


main()
