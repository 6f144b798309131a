"""Every ST_NumberFormat value of ECMA-376 Part 1 (17.18.59) with the labels Word draws.

Shared by the unit table (test_number_formats.py) and the comparison with LibreOffice's
renderer (test_libreoffice_numbers.py), which draws most of these formats itself.
"""

from __future__ import annotations

from synth.docx import DocxBuilder, Level

# The schema's enumeration, in its order.
ST_NUMBER_FORMAT = (
    "decimal upperRoman lowerRoman upperLetter lowerLetter ordinal cardinalText ordinalText hex chicago "
    "ideographDigital japaneseCounting aiueo iroha decimalFullWidth decimalHalfWidth japaneseLegal "
    "japaneseDigitalTenThousand decimalEnclosedCircle decimalFullWidth2 aiueoFullWidth irohaFullWidth "
    "decimalZero bullet ganada chosung decimalEnclosedFullstop decimalEnclosedParen "
    "decimalEnclosedCircleChinese ideographEnclosedCircle ideographTraditional ideographZodiac "
    "ideographZodiacTraditional taiwaneseCounting ideographLegalTraditional taiwaneseCountingThousand "
    "taiwaneseDigital chineseCounting chineseLegalSimplified chineseCountingThousand koreanDigital "
    "koreanCounting koreanLegal koreanDigital2 vietnameseCounting russianLower russianUpper none "
    "numberInDash hebrew1 hebrew2 arabicAlpha arabicAbjad hindiVowels hindiConsonants hindiNumbers "
    "hindiCounting thaiLetters thaiNumbers thaiCounting bahtText dollarText custom"
).split()

# format -> {value: label}, for a document whose language is British English.
EXPECTED: dict[str, dict[int, str]] = {
    "decimal": {1: "1", 10: "10", 123: "123"},
    "upperRoman": {1: "I", 4: "IV", 14: "XIV", 1999: "MCMXCIX", 4000: "MMMM"},
    "lowerRoman": {1: "i", 9: "ix", 40: "xl", 3999: "mmmcmxcix"},
    "upperLetter": {1: "A", 26: "Z", 27: "AA", 53: "AAA"},
    "lowerLetter": {1: "a", 16: "p", 28: "bb"},
    "ordinal": {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"},
    "cardinalText": {1: "One", 2: "Two", 13: "Thirteen", 21: "Twenty-one", 40: "Forty", 101: "One hundred and one", 1999: "One thousand nine hundred and ninety-nine"},
    "ordinalText": {1: "First", 2: "Second", 3: "Third", 5: "Fifth", 12: "Twelfth", 20: "Twentieth", 21: "Twenty-first", 100: "One hundredth"},
    "hex": {1: "1", 10: "A", 15: "F", 16: "10", 255: "FF"},
    "chicago": {1: "*", 2: "†", 3: "‡", 4: "§", 5: "**", 8: "§§", 9: "***"},
    "ideographDigital": {1: "一", 10: "十", 11: "十一", 20: "二十", 101: "一百零一", 111: "一百一十一", 12345: "一万二千三百四十五"},
    "japaneseCounting": {3: "三", 19: "十九", 1000: "一千"},
    "aiueo": {1: "ｱ", 2: "ｲ", 46: "ﾝ", 47: "ｱ"},
    "iroha": {1: "ｲ", 2: "ﾛ", 25: "ヰ", 48: "ﾝ", 49: "ｲ"},
    "decimalFullWidth": {1: "１", 12: "１２"},
    "decimalHalfWidth": {1: "1", 12: "12"},
    "japaneseLegal": {1: "壱", 2: "弐", 3: "参", 10: "壱零", 10000: "壱萬"},
    "japaneseDigitalTenThousand": {1: "一", 10: "一〇"},
    "decimalEnclosedCircle": {1: "①", 20: "⑳", 21: "㉑", 50: "㊿", 51: "51"},
    "decimalFullWidth2": {3: "３"},
    "aiueoFullWidth": {1: "ア", 46: "ン", 47: "ア"},
    "irohaFullWidth": {1: "イ", 3: "ハ", 47: "ス"},
    "decimalZero": {1: "01", 9: "09", 10: "10"},
    "bullet": {},  # a bullet is its lvlText, whatever the count (see test_bullets_show_their_text)
    "ganada": {1: "가", 14: "하", 15: "가"},
    "chosung": {1: "ㄱ", 14: "ㅎ", 15: "ㄱ"},
    "decimalEnclosedFullstop": {1: "⒈", 20: "⒛", 21: "21"},
    "decimalEnclosedParen": {1: "⑴", 20: "⒇", 21: "21"},
    "decimalEnclosedCircleChinese": {1: "①", 10: "⑩"},
    "ideographEnclosedCircle": {1: "①", 10: "⑩"},
    "ideographTraditional": {1: "甲", 10: "癸", 11: "11"},
    "ideographZodiac": {1: "子", 12: "亥", 13: "13"},
    "ideographZodiacTraditional": {1: "甲子", 2: "乙丑", 11: "甲戌", 60: "癸亥"},
    "taiwaneseCounting": {10: "十", 21: "二十一"},
    "ideographLegalTraditional": {1: "壹", 10: "壹拾", 101: "壹佰零壹", 10000: "壹萬"},
    "taiwaneseCountingThousand": {1000: "一千", 1999: "一千九百九十九"},
    "taiwaneseDigital": {1: "一", 10: "一〇", 105: "一〇五"},
    "chineseCounting": {2: "二", 15: "十五", 100: "一百"},
    "chineseLegalSimplified": {2: "贰", 10: "壹拾", 12: "壹拾贰"},
    "chineseCountingThousand": {10: "十", 10001: "一万零一"},
    "koreanDigital": {1: "일", 10: "일영", 25: "이오"},
    "koreanCounting": {1: "일", 10: "십", 21: "이십일", 101: "백일", 12345: "만이천삼백사십오"},
    "koreanLegal": {1: "하나", 10: "열", 11: "열하나", 20: "스물", 99: "아흔아홉", 100: "백"},
    "koreanDigital2": {1: "一", 10: "一零"},
    "vietnameseCounting": {1: "một", 10: "mười", 11: "mười một", 15: "mười lăm", 21: "hai mươi mốt", 30: "ba mươi"},
    "russianLower": {1: "а", 10: "к", 29: "я", 30: "аа", 60: "бб"},
    "russianUpper": {1: "А", 29: "Я", 30: "Аа"},
    "none": {1: "", 7: ""},
    "numberInDash": {1: "- 1 -", 12: "- 12 -"},
    "hebrew1": {1: "א", 10: "י", 15: "טו", 16: "טז", 99: "צט", 111: "קיא", 1000: "אלף", 1999: "א תתקצט"},
    "hebrew2": {1: "א", 22: "ת", 23: "אא", 46: "בב"},
    "arabicAlpha": {1: "أ", 2: "ب", 28: "ى", 29: "أأ"},
    "arabicAbjad": {1: "ا", 3: "ج", 28: "غ", 29: "اا"},
    "hindiVowels": {1: "क", 2: "ख", 33: "ह", 34: "कक"},
    "hindiConsonants": {1: "क", 33: "ह"},
    "hindiNumbers": {1: "१", 10: "१०"},
    "hindiCounting": {1: "एक", 2: "दो", 10: "दस"},
    "thaiLetters": {1: "ก", 2: "ข", 3: "ค", 43: "ฮ", 44: "กก"},
    "thaiNumbers": {1: "๑", 10: "๑๐"},
    "thaiCounting": {1: "หนึ่ง", 10: "สิบ", 11: "สิบเอ็ด", 20: "ยี่สิบ", 21: "ยี่สิบเอ็ด", 35: "สามสิบห้า", 101: "หนึ่งร้อยเอ็ด"},
    "bahtText": {1: "หนึ่งบาทถ้วน", 20: "ยี่สิบบาทถ้วน"},
    "dollarText": {1: "One and 00/100", 21: "Twenty-one and 00/100", 101: "One hundred one and 00/100"},
    "custom": {},  # its labels depend on w:format: see test_custom_formats_written_through_markup_compatibility
}

# Formats LibreOffice draws as Word does; for the others it falls back to decimal.
LIBREOFFICE_DRAWS = frozenset(ST_NUMBER_FORMAT) - {
    "hex", "decimalFullWidth", "decimalFullWidth2", "japaneseDigitalTenThousand", "decimalEnclosedFullstop",
    "decimalEnclosedParen", "ideographZodiacTraditional", "taiwaneseDigital", "vietnameseCounting",
    "numberInDash", "hindiConsonants", "hindiNumbers", "hindiCounting", "thaiNumbers", "thaiCounting",
    "bahtText", "dollarText", "bullet", "custom",
}


def every_format_document() -> tuple[DocxBuilder, list[tuple[str, int, str]]]:
    """One paragraph per (format, value) of EXPECTED, each counting from its value through a
    startOverride; the text names both so a line of any renderer's output can be matched."""
    b = DocxBuilder()
    cases: list[tuple[str, int, str]] = []
    num_id = 0
    for abstract_id, fmt in enumerate(ST_NUMBER_FORMAT, start=1):
        b.abstract_num(abstract_id, [Level(0, fmt, "%1|")])
        for value, label in EXPECTED[fmt].items():
            num_id += 1
            b.num(num_id, abstract_id, {0: value})
            b.paragraph(f"{fmt} {value}", num_id=num_id, ilvl=0)
            cases.append((fmt, value, f"{label}|"))
    return b, cases
