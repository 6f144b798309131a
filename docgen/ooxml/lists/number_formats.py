"""Drawing one list number in each ST_NumberFormat of ECMA-376 (Part 1, 17.18.59).

`numbering.py` decides which value each level has; this module only spells a value. Word
is the authority for what a label looks like, and LibreOffice's own list renderer is the
independent one the tests compare with, so where the two draw a format (letters, roman
numerals, words, the CJK counting systems, enclosed digits, the other scripts' alphabets)
the spelling here is checked against LibreOffice's text export value by value. Formats
LibreOffice does not draw (it falls back to decimal) follow the specification's
description: hex, full-width and enclosed digits, numberInDash, Thai/Hindi digits and the
counting words of Thai, Vietnamese and Hindi.

Written by hand rather than with a library: no maintained Python package spells Word's
list formats (ICU's spell-out rules, through PyICU, need a compiled ICU and still know
nothing of Word's aiueo/iroha/chicago/enclosed sequences). Values outside a format's
range fall back to decimal, as both Word and LibreOffice do.
"""

from __future__ import annotations

import re

# A hostile start of 10**9 must not make a billion-character label.
MAX_ALPHA_REPEAT = 64
MAX_ROMAN = 32767  # the largest value Word keeps for a list level

# -- Latin letters and roman numerals --------------------------------------------------


def alpha(n: int, upper: bool = False) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..: the letter repeats, it does not carry."""
    if n <= 0:
        return ""
    letter = chr(ord("a") + (n - 1) % 26)
    repeat = min((n - 1) // 26 + 1, MAX_ALPHA_REPEAT)
    out = letter * repeat
    return out.upper() if upper else out


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int, upper: bool = False) -> str:
    """Roman numerals; past 3999 the thousands are repeated M, as Word and LibreOffice draw them."""
    if n <= 0 or n > MAX_ROMAN:
        return str(n)
    out = []
    for value, glyph in _ROMAN:
        count, n = divmod(n, value)
        out.append(glyph * count)
    text = "".join(out)
    return text.upper() if upper else text


# -- alphabets of other scripts -----------------------------------------------------------
# Each sequence as LibreOffice draws it. "Cyclic" ones start again after the last symbol;
# "bijective" ones go on like spreadsheet columns (..., я, аа, аб, ...).

_CYCLIC = {
    "aiueo": "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ",
    "aiueoFullWidth": "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
    # ヰ and ヱ have no half-width forms, so the half-width iroha uses the full-width ones.
    "iroha": "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽﾝ",
    "irohaFullWidth": "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン",
    "ganada": "가나다라마바사아자차카타파하",
    "chosung": "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ",
}

_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
_DEVANAGARI_CONSONANTS = "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह"
_BIJECTIVE = {
    "russianLower": _RUSSIAN,
    "russianUpper": _RUSSIAN,
    "hebrew2": "אבגדהוזחטיכלמנסעפצקרשת",
    "arabicAlpha": "أبتثجحخدذرزسشصضطظعغفقكلمنهوى",
    "arabicAbjad": "ابجدهوزحطيكلمنسعفصقرشتثخذضظغ",
    # LibreOffice draws hindiVowels with the consonant series; Word's hindiConsonants is that series.
    "hindiVowels": _DEVANAGARI_CONSONANTS,
    "hindiConsonants": _DEVANAGARI_CONSONANTS,
    "thaiLetters": "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ",
}
_MAX_BIJECTIVE_DIGITS = 8


def _bijective(n: int, symbols: str) -> str:
    base = len(symbols)
    out: list[str] = []
    while n > 0 and len(out) < _MAX_BIJECTIVE_DIGITS:
        n, r = divmod(n - 1, base)
        out.append(symbols[r])
    return "".join(reversed(out))


# -- digit sets -------------------------------------------------------------------------

_DIGIT_SETS = {
    "decimalFullWidth": "０１２３４５６７８９",
    "decimalFullWidth2": "０１２３４５６７８９",
    "decimalHalfWidth": "0123456789",
    "hindiNumbers": "०१२३४५६७८९",
    "thaiNumbers": "๐๑๒๓๔๕๖๗๘๙",
    "taiwaneseDigital": "〇一二三四五六七八九",
    "japaneseDigitalTenThousand": "〇一二三四五六七八九",
    "koreanDigital": "영일이삼사오육칠팔구",
    "koreanDigital2": "零一二三四五六七八九",
}


def _digits(n: int, digits: str) -> str:
    return "".join(digits[int(d)] for d in str(n))


# -- enclosed digits ------------------------------------------------------------------------


def _enclosed_circle(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _enclosed(n: int, first: int) -> str:
    """⒈..⒛ (full stop) and ⑴..⒇ (parenthesis): Unicode has them for 1 to 20 only."""
    return chr(first + n - 1) if 1 <= n <= 20 else str(n)


# -- CJK counting ----------------------------------------------------------------------------


def _cjk_section(n: int, digits: str, units: str, zero: str) -> str:
    """0 < n < 10000 with unit characters (十, 百, 千) and one zero character per gap."""
    out: list[str] = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = (n // 10 ** power) % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + (units[power - 1] if power else ""))
    return "".join(out)


def _cjk_counting(n: int, digits: str, units: str, wan: str, zero: str, *, bare_ten: bool) -> str:
    """Chinese-style counting: 一百零一, 一万二千三百四十五; `bare_ten` writes 10-19 as 十, 十一."""
    if n <= 0 or n >= 10 ** 8:
        return str(n)
    high, low = divmod(n, 10000)
    out = ""
    if high:
        out = _cjk_section(high, digits, units, zero) + wan
        if 0 < low < 1000:
            out += zero
    if low:
        out += _cjk_section(low, digits, units, zero)
    if bare_ten and out.startswith(digits[1] + units[0]) and (10 <= n < 20 or 100000 <= n < 200000):
        out = out[1:]
    return out


_HAN = "〇一二三四五六七八九"


def _korean_counting(n: int) -> str:
    """Sino-Korean counting: no 일 before 십, 백, 천 or 만, and no zeros (101 = 백일)."""
    if n <= 0 or n >= 10 ** 8:
        return str(n)
    digits = "영일이삼사오육칠팔구"

    def section(v: int) -> str:
        out = []
        for power, unit in ((3, "천"), (2, "백"), (1, "십"), (0, "")):
            d = (v // 10 ** power) % 10
            if d:
                out.append(("" if d == 1 and unit else digits[d]) + unit)
        return "".join(out)

    high, low = divmod(n, 10000)
    return (("" if high == 1 else section(high)) + "만" if high else "") + section(low)


_KOREAN_NATIVE_ONES = ["", "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉"]
_KOREAN_NATIVE_TENS = ["", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"]


def _korean_legal(n: int) -> str:
    """Native Korean numbers below 100 (하나, 둘, 열하나); Sino-Korean counting from 100."""
    if 0 < n < 100:
        return _KOREAN_NATIVE_TENS[n // 10] + _KOREAN_NATIVE_ONES[n % 10]
    return _korean_counting(n)


def _japanese_legal(n: int) -> str:
    """LibreOffice's japaneseLegal: digit by digit in the legal characters, with 萬 for ten thousands."""
    if n <= 0 or n >= 10 ** 8:
        return str(n)
    digits = "零壱弐参四伍六七八九"
    high, low = divmod(n, 10000)
    return (_digits(high, digits) + "萬" if high else "") + (_digits(low, digits) if low else "")


_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


# -- Hebrew numerals -----------------------------------------------------------------------

_HEB_ONES = " אבגדהוזחט"
_HEB_TENS = " יכלמנסעפצ"
_HEB_HUNDREDS = ["", "ק", "ר", "ש", "ת", "תק", "תר", "תש", "תת", "תתק"]


def _gematria(n: int) -> str:
    """1..999 in Hebrew numerals; 15 and 16 are טו and טז, never spelling the divine name."""
    hundreds, rest = divmod(n, 100)
    if rest in (15, 16):
        tail = "ט" + _HEB_ONES[rest - 9]
    else:
        tail = _HEB_TENS[rest // 10].strip() + _HEB_ONES[rest % 10].strip()
    return _HEB_HUNDREDS[hundreds] + tail


def _hebrew1(n: int) -> str:
    if n <= 0 or n >= 10 ** 6:
        return str(n)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _gematria(rest)
    if rest:
        return f"{_gematria(thousands)} {_gematria(rest)}"
    return "אלף" if thousands == 1 else f"{_gematria(thousands)} אלפים"


# -- words -----------------------------------------------------------------------------------

_EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"))
_EN_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}


def english_cardinal(n: int, british: bool = False) -> str:
    """English number words, lower case: "twenty-one", "one hundred (and) one"."""
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_EN_ONES[hundreds]} hundred"
        return head if not rest else f"{head}{' and ' if british else ' '}{english_cardinal(rest, british)}"
    for scale, name in _EN_SCALES:
        if n >= scale:
            high, rest = divmod(n, scale)
            head = f"{english_cardinal(high, british)} {name}"
            if not rest:
                return head
            joiner = " and " if british and rest < 100 else " "
            return f"{head}{joiner}{english_cardinal(rest, british)}"
    return str(n)  # unreachable: every n >= 1000 meets a scale


def english_ordinal_words(n: int, british: bool = False) -> str:
    """ "twenty-first", "one hundred (and) first": the last word of the cardinal made ordinal."""
    words = english_cardinal(n, british)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _EN_ORDINAL:
        last = _EN_ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + last


def _english_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_DOT_ORDINAL = frozenset({"de", "da", "nb", "nn", "no", "fi", "cs", "sk", "pl", "hu", "tr", "sl", "hr", "sr", "et", "lv", "is"})
_NO_INDICATOR = frozenset({"ja", "zh", "ko"})


def ordinal(n: int, lang: str | None = None) -> str:
    """A number with its ordinal indicator in the paragraph's language ("1st", "1.", "1ᵉʳ", "1.º",
    "1-й", "1:a"), as LibreOffice draws them; English where the language is not known."""
    primary = (lang or "en").split("-")[0].lower()
    if primary in _DOT_ORDINAL:
        return f"{n}."
    if primary in _NO_INDICATOR:
        return str(n)
    if primary == "fr":
        return f"{n}ᵉʳ" if n == 1 else f"{n}ᵉ"
    if primary in ("es", "pt", "gl"):
        return f"{n}.º"
    if primary == "it":
        return f"{n}º"
    if primary == "ru":
        return f"{n}-й"
    if primary == "sv":
        return f"{n}:a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else f"{n}:e"
    return f"{n}{_english_suffix(n)}"


def _british(lang: str | None) -> bool:
    """English outside the US puts "and" after hundreds ("one hundred and one")."""
    return bool(lang) and lang.lower().startswith("en") and lang.lower() not in ("en-us", "en")  # type: ignore[union-attr]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


_THAI_DIGITS = ["", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]


def _thai_counting(n: int) -> str:
    """Thai number words up to 9,999: ยี่สิบ for twenty, เอ็ด for a final one after tens."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = []
    for power, unit in ((3, "พัน"), (2, "ร้อย")):
        d = (n // 10 ** power) % 10
        if d:
            out.append(_THAI_DIGITS[d] + unit)
    tens, ones = divmod(n % 100, 10)
    if tens:
        out.append({1: "", 2: "ยี่"}.get(tens, _THAI_DIGITS[tens]) + "สิบ")
    if ones:
        out.append("เอ็ด" if ones == 1 and n > 10 else _THAI_DIGITS[ones])
    return "".join(out)


_VIET_ONES = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _vietnamese_counting(n: int) -> str:
    """Vietnamese number words below 100 (mười một, hai mươi mốt, hai mươi lăm); digits beyond."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return _VIET_ONES[ones]
    head = "mười" if tens == 1 else f"{_VIET_ONES[tens]} mươi"
    if not ones:
        return head
    if ones == 5:
        tail = "lăm"
    elif ones == 1 and tens > 1:
        tail = "mốt"
    else:
        tail = _VIET_ONES[ones]
    return f"{head} {tail}"


_HINDI_WORDS = ["", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ", "दस"]


# -- custom formats (w14) ----------------------------------------------------------------------

_CUSTOM_ZERO_PADDED = re.compile(r"^(0*)1(?:\s*,|$)")


def custom(n: int, spec: str | None) -> str:
    """A Word 2010 custom format given by its first items ("001, 002, 003, ..."): zero padding."""
    m = _CUSTOM_ZERO_PADDED.match((spec or "").strip())
    if m is None:
        return str(n)
    return str(n).zfill(len(m.group(1)) + 1) if n >= 0 else str(n)


# -- the dispatcher ------------------------------------------------------------------------------


def format_number(n: int, fmt: str, lang: str | None = None, spec: str | None = None) -> str:
    """`n` drawn in numFmt `fmt`; `lang` is the paragraph's language (ordinal and word formats),
    `spec` the w:format of a custom format. Unknown formats draw decimal, as Word does."""
    if fmt == "decimal":
        return str(n)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "custom":
        return custom(n, spec)
    if n <= 0:
        return str(n)  # Word and LibreOffice draw a zero (or negative) count as digits
    if fmt in ("lowerLetter", "upperLetter"):
        return alpha(n, upper=fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n, upper=fmt == "upperRoman")
    if fmt == "ordinal":
        return ordinal(n, lang)
    if fmt == "cardinalText":
        return _capitalised(english_cardinal(n, _british(lang))) if n < 10 ** 12 else str(n)
    if fmt == "ordinalText":
        return _capitalised(english_ordinal_words(n, _british(lang))) if n < 10 ** 12 else str(n)
    if fmt == "hex":
        return f"{n:X}"
    if fmt == "chicago":
        return "*†‡§"[(n - 1) % 4] * min((n - 1) // 4 + 1, MAX_ALPHA_REPEAT)
    if fmt == "numberInDash":
        return f"- {n} -"
    if fmt in _DIGIT_SETS:
        return _digits(n, _DIGIT_SETS[fmt])
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed_circle(n)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474)
    if fmt in _CYCLIC:
        symbols = _CYCLIC[fmt]
        return symbols[(n - 1) % len(symbols)]
    if fmt in _BIJECTIVE:
        text = _bijective(n, _BIJECTIVE[fmt])
        return _capitalised(text) if fmt == "russianUpper" else text
    if fmt in ("ideographDigital", "japaneseCounting", "chineseCounting", "chineseCountingThousand",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _cjk_counting(n, _HAN, "十百千", "万", "零", bare_ten=True)
    if fmt == "ideographLegalTraditional":
        return _cjk_counting(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟", "萬", "零", bare_ten=False)
    if fmt == "chineseLegalSimplified":
        return _cjk_counting(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万", "零", bare_ten=False)
    if fmt == "japaneseLegal":
        return _japanese_legal(n)
    if fmt == "koreanCounting":
        return _korean_counting(n)
    if fmt == "koreanLegal":
        return _korean_legal(n)
    if fmt == "ideographTraditional":
        return _STEMS[n - 1] if n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[n - 1] if n <= 12 else str(n)
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n <= 60 else str(n)
    if fmt == "hebrew1":
        return _hebrew1(n)
    if fmt == "thaiCounting":
        return _thai_counting(n)
    if fmt == "bahtText":
        text = _thai_counting(n)
        return text + "บาทถ้วน" if text != str(n) else text
    if fmt == "vietnameseCounting":
        return _vietnamese_counting(n)
    if fmt == "hindiCounting":
        return _HINDI_WORDS[n] if n <= 10 else str(n)
    if fmt == "dollarText":
        return f"{_capitalised(english_cardinal(n))} and 00/100" if n < 10 ** 12 else str(n)
    # decimal, and formats we do not know (Word itself falls back to decimal for them).
    return str(n)
