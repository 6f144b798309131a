"""The synthetic SMETS1 Supporting Requirements (SEC Appendix AM), versions 11, 12 and 12.2.

The wording is ours, written in the manner of the S1SR; no text is taken from the real
document. The content is data (sections of `Para` trees) plus one renderer, so tests and
benchmarks can rebuild any version or read the facts (which clause names which Device
Model and SRV) without parsing the .docx.

Versions:
- "11": the reference version; 18.5 has items (a)..(u) and 18.5(p) has sub-items (i)..(vi).
- "12": 11 plus three ordinary drafting changes (5.3 reworded, item 18.7(f), clause 18.62)
  and the 18.5p error: the six sub-items of 18.5(p) sit at item level, so they render as
  (q)..(v) and v11's (q)..(u) become (w)..(aa). The Word cross-reference in 18.9 followed
  its target, so it reads "Clause 18.5(z)".
- "12.2": 12 with exactly that error corrected (levels and the cross-reference's cached text).

Like a real appendix, every version also has a table of contents field, REF cross-references
(18.9 to 18.5(t), 12.5 to 13.2), footnotes (one on 1.1; one on 18.9 that v12.2 edits), a picture
and a merged-cell table in Annex E, and a footer naming the version.

Every number is Word auto-numbering from one abstractNum: level 0 is linked to the
"Heading1" style (numbering comes from the style, not the paragraph), levels 1-3 are set on
the paragraphs. Annex headings are Heading1 with numId 0, which cancels the style's
numbering, and the Annex G procedure list uses a second w:num on the same abstractNum with
a startOverride so that it restarts at (a).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from synth.devices import DEVICES, device
from synth.docx import MERGE_UP, SPAN_LEFT, DocxBuilder, Level, appendix_cover, png_image, plain_refs, ref_runs

VERSIONS = ("11", "12", "12.2")
BODY_NUM_ID = 1
ANNEX_LIST_NUM_ID = 2
BODY_ABSTRACT_ID = 1
XREF_BOOKMARK = "_Ref84120045"
XREF_MARK = "[[xref]]"  # where the REF field to 18.5(t) goes in 18.9's text
# Other REF cross-references: "[[ref:KEY]]" in a clause's text -> (bookmark on KEY's paragraph, number shown).
REF_TARGETS = {"13.2": ("_Ref84120113", "13.2")}
LEVEL_INDENTS = (None, 0, 720, 1440)  # twips, by ilvl (level 0 is the heading)

_DATES = {
    "11": ("17 December 2021", "2021-12-17T00:00:00Z"),
    "12": ("30 June 2022", "2022-06-30T00:00:00Z"),
    "12.2": ("2 May 2025", "2025-05-02T00:00:00Z"),
}


@dataclass(frozen=True)
class Para:
    """A numbered paragraph and the paragraphs numbered beneath it.

    `devices` and `srvs` say which Device Models and Service Request Variants the paragraph
    is about (section 18 only): the DMVES rows are generated from them, and every name in
    them appears verbatim in `text`. `key` is a stable handle for version edits and tests.
    """

    text: str
    children: tuple["Para", ...] = ()
    devices: tuple[str, ...] = ()
    srvs: tuple[str, ...] = ()
    key: str | None = None
    note: str | None = None  # a footnote whose reference ends the paragraph


@dataclass(frozen=True)
class Section:
    heading: str
    clauses: tuple[Para, ...]


@dataclass(frozen=True)
class Behaviour:
    """One section-18 paragraph that names Device Models, with its correct (v11) reference."""

    ref: str  # "18.5(p)", "18.12"
    devices: tuple[str, ...]
    srvs: tuple[str, ...]  # "SRV 4.8.1" spelled as in the text
    text: str
    key: str | None = None


def P(text: str, *children: Para, dev: tuple[str, ...] = (), srv: tuple[str, ...] = (), key: str | None = None, note: str | None = None) -> Para:
    return Para(text, tuple(children), tuple(dev), tuple(f"SRV {s}" for s in srv), key, note)


def _item(letter_key: str, name: str, srv: str, rest: str, *children: Para) -> Para:
    """An item of 18.5: one Device Model (with GroupID and cohort) and one SRV."""
    text = f"{device(name).tagged()}, on receipt of SRV {srv}, {rest}"
    return P(text, *children, dev=(name,), srv=(srv,), key=letter_key)


# ---------------------------------------------------------------------------- section 18
# v11's clause 18.5: items (a)..(u). Each names one distinct Device Model and one distinct SRV.
_ITEMS_18_5: tuple[Para, ...] = (
    _item("18.5a", "L+G E470 ESME", "1.1.1", "applies the new Tariff from the next midnight in local time rather than from the execution date-time given in the Service Request;"),
    _item("18.5b", "Secure Liberty 100 ESME", "2.1", "rounds each price held in its prepayment configuration down to the nearest whole penny;"),
    _item("18.5c", "Secure Europa GSME", "4.8.1", "returns no more than ten days of half-hourly consumption, whatever range the Service Request asked for;"),
    _item("18.5d", "EDMI Atlas ESME", "6.8", "accepts a billing calendar with a monthly period only and rejects any other periodicity;"),
    _item("18.5e", "Aclara SGM1411 GSME", "7.2", "reports the valve as closed before the valve has finished moving;"),
    _item("18.5f", "Chameleon IHD6 PPMID", "11.2", "returns the firmware version of its radio module rather than that of its application;"),
    _item("18.5g", "Telit CHF", "8.2", "lists joined Devices in the order in which they joined and not in the order held in the CHF Device Log;"),
    _item("18.5h", "L+G G470 GSME", "4.6.1", "omits any day for which it holds no valid reading instead of returning that day marked as invalid;"),
    _item("18.5i", "Itron Orion ESME", "6.12", "applies the new Instantaneous Power Threshold only after its next power cycle;"),
    _item("18.5j", "Honeywell Halo ESME", "1.6", "changes to Prepayment Mode without resetting the Emergency Credit balance;"),
    _item("18.5k", "Sagemcom Novus ESME", "4.10", "returns Maximum Demand values in watts, which the S1SP converts to kilowatts;"),
    _item("18.5l", "Kamstrup Nordic ESME", "6.11", "corrects its clock only where the deviation exceeds ten seconds;"),
    _item("18.5m", "Flonidan Meridian GSME", "2.2", "refuses a Top Up whose value would take the meter balance above £250;"),
    _item("18.5n", "EDMI Gemini GSME", "4.16", "returns the meter balance rounded to the nearest ten pence;"),
    _item("18.5o", "Toshiba Hub CHF", "8.11", "processes additions to the HAN Device Log before removals, whatever their order in the Service Request;"),
    _item(
        "18.5p",
        "Secure Liberty 200 ESME",
        "4.8.3",
        "is read by the S1SP from the export profile buffer of the ESME, and the S1SP applies the following constraints:",
        P("no more than 48 half-hour periods are returned in one response;", key="18.5p.i"),
        P("periods before the last change of supplier are not returned;", key="18.5p.ii"),
        P("periods with no recorded export are returned as zero;", key="18.5p.iii"),
        P("a period that spans a clock change is returned once only;", key="18.5p.iv"),
        P("values are returned in watt-hours without scaling; and", key="18.5p.v"),
        P("a request spanning more than 13 months is rejected.", key="18.5p.vi"),
    ),
    _item("18.5q", "Elster Polaris GSME", "4.14", "returns an empty log while the GSME is operating in Credit Mode;"),
    _item("18.5r", "Chameleon IHD3 PPMID", "3.1", "shows the message for twelve hours, whatever duration was requested;"),
    _item("18.5s", "Ampy Vantage ESME", "7.3", "arms the supply but shows the arming message only after the next button press;"),
    _item("18.5t", "Geo Solo PPMID", "8.8.1", "remains shown as joined in the CHF Device Log until the next daily synchronisation of that log; and"),
    _item("18.5u", "Trilliant Mesh CHF", "8.3", "removes the target Device from the CHF Device Log only once that Device has acknowledged its decommissioning."),
)

_LEAD_18_5 = "The following Device Models behave as described when they receive the Service Request Variants listed:"
_LEAD_18_7 = (
    "The following Device Models do not support the functions listed, and the S1SP rejects the "
    "Service Request Variants concerned with a response stating that the Device does not support the request:"
)


def _items_18_7(version: str) -> tuple[Para, ...]:
    items = [
        P("the Kamstrup Nordic ESME, for SRV 6.4.1;", dev=("Kamstrup Nordic ESME",), srv=("6.4.1",)),
        P("the Itron Vesta GSME, for SRV 2.5;", dev=("Itron Vesta GSME",), srv=("2.5",)),
        P("the EDMI Atlas Twin ESME, for SRV 6.20.1;", dev=("EDMI Atlas Twin ESME",), srv=("6.20.1",)),
        P("the Chameleon IHD3 PPMID, for SRV 11.3; and", dev=("Chameleon IHD3 PPMID",), srv=("11.3",)),
        P("the Honeywell Halo GSME, for SRV 1.2.1.", dev=("Honeywell Halo GSME",), srv=("1.2.1",)),
    ]
    if version != "11":
        items[3] = P("the Chameleon IHD3 PPMID, for SRV 11.3;", dev=("Chameleon IHD3 PPMID",), srv=("11.3",))
        items[4] = P("the Honeywell Halo GSME, for SRV 1.2.1; and", dev=("Honeywell Halo GSME",), srv=("1.2.1",))
        items.append(
            P("the Sagemcom Novus ESME, for SRV 6.25.", dev=("Sagemcom Novus ESME",), srv=("6.25",), key="18.7f")
        )
    return tuple(items)


def _note_18_9(version: str) -> str:
    """The footnote of 18.9: v12.2 says where the DMVES records the behaviour (a drafting
    change made in a footnote, the kind a redline must not hide)."""
    note = "The Device Models to which this clause applies are listed in the DMVES"
    if version == "12.2":
        return note + ", version 12.2 or later, against clause 18.9."
    return note + "."


def _section_18(version: str) -> Section:
    c = [
        P("Where the L+G E470 ESME receives SRV 6.8, the S1SP sets a daily billing period on the ESME only if no monthly period has been set before; otherwise the S1SP rejects the request.", dev=("L+G E470 ESME",), srv=("6.8",)),
        P("The Secure Liberty 100 ESME and the Secure Liberty 200 ESME keep no separate balance for Emergency Credit, so in the response to SRV 4.16 the S1SP gives the Emergency Credit balance as zero.", dev=("Secure Liberty 100 ESME", "Secure Liberty 200 ESME"), srv=("4.16",)),
        P("When the Aclara SGM1411 GSME receives SRV 6.11, it resynchronises its clock with the CHF rather than with the time given in the Service Request, and the S1SP reports success once the CHF confirms the resynchronisation.", dev=("Aclara SGM1411 GSME",), srv=("6.11",)),
        P("The EDMI Atlas ESME records a Tariff change made by SRV 1.1.1 in its Event Log and not in its Security Log, so a later SRV 4.11 for the Security Log does not show the change.", dev=("EDMI Atlas ESME",), srv=("1.1.1", "4.11")),
        P(_LEAD_18_5, *_ITEMS_18_5, key="18.5"),
        P("On receipt of SRV 4.8.1 or SRV 4.8.2, the Itron Orion ESME returns profile data with timestamps in UTC, and the S1SP converts each timestamp to local time before it builds the Service Response.", dev=("Itron Orion ESME",), srv=("4.8.1", "4.8.2")),
        P(_LEAD_18_7, *_items_18_7(version), key="18.7"),
        P("Where the Toshiba Hub CHF receives SRV 8.11 while its HAN Device Log is full, the CHF discards the oldest entry instead of rejecting the Command, and the S1SP reports the discarded Device as removed.", dev=("Toshiba Hub CHF",), srv=("8.11",)),
        P(f"Where the Geo Solo PPMID has been unjoined as described in {XREF_MARK}, the S1SP rejects any SRV 8.7.1 for the Geo Solo PPMID received before the next daily synchronisation of the CHF Device Log.", dev=("Geo Solo PPMID",), srv=("8.7.1",), key="18.9", note=_note_18_9(version)),
        P("The L+G G470 GSME and the L+G E470 ESME hold no more than four schedules each. Where SRV 5.1 would create a fifth, the S1SP rejects the request.", dev=("L+G G470 GSME", "L+G E470 ESME"), srv=("5.1",)),
        P("When the Sagemcom Novus ESME receives SRV 7.1, the supply is restored only after the consumer presses the button on the meter, even where the Service Request does not ask for the supply to be armed.", dev=("Sagemcom Novus ESME",), srv=("7.1",)),
        P(
            "When the Secure Europa GSME receives SRV 2.3, the S1SP:",
            P("reads the current debt values from the GSME before applying the change;"),
            P("rejects the request where the resulting debt would be negative; and"),
            P("returns the debt values read after the change rather than those given in the Service Request."),
            dev=("Secure Europa GSME",), srv=("2.3",),
        ),
        P("The Honeywell Halo ESME returns the voltage configuration read by SRV 6.2.1 in tenths of a volt, and the S1SP scales the values to volts.", dev=("Honeywell Halo ESME",), srv=("6.2.1",)),
        P("The Elster Polaris ESME cannot store a Tariff with more than four time-of-use registers. Where SRV 1.1.1 specifies more than four, the S1SP rejects the request before any Command is sent.", dev=("Elster Polaris ESME",), srv=("1.1.1",)),
        P("On receipt of SRV 11.1, the Secure Hub CHF accepts firmware images of no more than 512 kilobytes; the S1SP rejects a larger image with a response giving the maximum size (the affected Device Model Combinations are listed in Annex E).", dev=("Secure Hub CHF",), srv=("11.1",)),
        P("Where SRV 4.4.2 is sent to the Flonidan Meridian GSME, the GSME returns only the most recent entry of its Billing Data Log.", dev=("Flonidan Meridian GSME",), srv=("4.4.2",)),
        P("The EDMI Gemini GSME does not record why its valve was closed, so the response to SRV 7.4 gives the supply state without a reason.", dev=("EDMI Gemini GSME",), srv=("7.4",)),
        P(
            "When the Trilliant Mesh CHF receives SRV 8.14.1, the S1SP:",
            P("waits for the first daily connection of the CHF before confirming the installation;"),
            P("returns a pending response to the User in the meantime; and"),
            P("sends the final response within 25 hours, or an error if the CHF has not connected by then."),
            dev=("Trilliant Mesh CHF",), srv=("8.14.1",),
        ),
        P("The Ampy Vantage ESME applies SRV 6.25 to its main supply contactor only and not to any auxiliary load switch.", dev=("Ampy Vantage ESME",), srv=("6.25",)),
        P("The Chameleon IHD6 PPMID shows a credit value added by SRV 2.2 only after its next update from the ESME, which may take up to thirty minutes.", dev=("Chameleon IHD6 PPMID",), srv=("2.2",)),
        P("Where the Kamstrup Nordic ESME receives SRV 6.15.1 or SRV 6.15.2, the S1SP replaces the credentials it holds for the ESME and sends no Command to the ESME.", dev=("Kamstrup Nordic ESME",), srv=("6.15.1", "6.15.2"), key="18.21"),
        P("The Itron Vesta GSME holds a Security Log of 50 entries, so the response to SRV 4.11 never contains more than 50 events.", dev=("Itron Vesta GSME",), srv=("4.11",)),
        P("Where the Aclara SGM1420 GSME receives SRV 1.2.1, the new price applies from the start of the next gas day rather than at once.", dev=("Aclara SGM1420 GSME",), srv=("1.2.1",)),
        P("The L+G E570 ESME records Reactive Energy profile data only where it is configured for export; for any other L+G E570 ESME the response to SRV 4.8.2 holds no entries.", dev=("L+G E570 ESME",), srv=("4.8.2",)),
        P("For the Telit CHF, an SRV 11.1 addressed to the CHF itself is processed only once every firmware distribution to Devices on the same HAN has completed.", dev=("Telit CHF",), srv=("11.1",)),
        P("The Secure Liberty 100 ESME stores the Debt Recovery Rate to two decimal places; a value given to more places in SRV 2.3 is rounded by the S1SP before the Command is sent.", dev=("Secure Liberty 100 ESME",), srv=("2.3",), key="18.26"),
        P(
            "Where the Honeywell Halo GSME receives SRV 6.8, the S1SP sets the billing calendar subject to the following:",
            P("the billing date is fixed to the first day of a month;"),
            P("any time of day in the request is ignored; and"),
            P("the response reports the date actually set."),
            dev=("Honeywell Halo GSME",), srv=("6.8",),
        ),
        P("The EDMI Atlas Twin ESME has two measuring elements but reports a single import register in response to SRV 4.1.1.", dev=("EDMI Atlas Twin ESME",), srv=("4.1.1",)),
        P("Where the Secure Beacon PPMID receives SRV 11.2, the S1SP returns the firmware version recorded at Migration rather than reading it from the PPMID.", dev=("Secure Beacon PPMID",), srv=("11.2",)),
        P("The Itron Orion ESME accepts SRV 1.5 only while it is in Prepayment Mode; in Credit Mode the S1SP rejects the request.", dev=("Itron Orion ESME",), srv=("1.5",)),
        P("When the Sagemcom Novus ESME receives SRV 6.20.1, any period other than 30 minutes is replaced by 30 minutes, and the S1SP reports the period actually set.", dev=("Sagemcom Novus ESME",), srv=("6.20.1",)),
        P("On receipt of SRV 8.3, the Toshiba Hub CHF decommissions the target Device and also clears it from the whitelist of every other Device on the HAN.", dev=("Toshiba Hub CHF",), srv=("8.3",)),
        P("The Elster Polaris GSME does not take a daily read later than 06:00, so the S1SP moves any schedule for SRV 4.6.1 that starts later to 06:00 and tells the User.", dev=("Elster Polaris GSME",), srv=("4.6.1",)),
        P("The Flonidan Meridian GSME and the Aclara SGM1411 GSME do not give the issuer of each certificate in response to SRV 6.24.1; the S1SP supplies the issuer from its own records.", dev=("Flonidan Meridian GSME", "Aclara SGM1411 GSME"), srv=("6.24.1",)),
        P("When the L+G E470 ESME receives SRV 3.1, a message longer than 80 characters is cut at the 80th character.", dev=("L+G E470 ESME",), srv=("3.1",)),
        P(
            "Where the Secure Liberty 200 ESME receives SRV 6.4.1, the S1SP:",
            P("sets the load limit threshold before the load limit period;"),
            P("rejects a period shorter than one minute; and"),
            P("ignores any restoration delay given in the request, the ESME having a fixed delay of 30 seconds."),
            dev=("Secure Liberty 200 ESME",), srv=("6.4.1",),
        ),
        P("The Trilliant Mesh CHF reports a Device that has not communicated for 72 hours as not joined in response to SRV 8.2, even though the Device remains in the CHF Device Log.", dev=("Trilliant Mesh CHF",), srv=("8.2",)),
        P("For the Chameleon IHD3 PPMID, SRV 8.8.1 removes the PPMID from the HAN, but the PPMID keeps showing the last values it received until it is restarted.", dev=("Chameleon IHD3 PPMID",), srv=("8.8.1",)),
        P("The Honeywell Halo ESME returns its export Maximum Demand register as well as its import register in response to SRV 4.10; the S1SP removes the export values from the Service Response.", dev=("Honeywell Halo ESME",), srv=("4.10",)),
        P("Where SRV 2.5 is sent to the Secure Liberty 100 ESME while Emergency Credit is already active, the ESME returns success and the balance is unchanged.", dev=("Secure Liberty 100 ESME",), srv=("2.5",), key="18.40"),
        P("In response to SRV 4.13, the EDMI Atlas ESME omits its debt recovery settings; the S1SP fills them in from the values last set by SRV 2.1.", dev=("EDMI Atlas ESME",), srv=("4.13", "2.1")),
        P("On receipt of SRV 11.3, the Geo Solo PPMID restarts and is unavailable for up to five minutes; any Service Request for the PPMID in that time fails.", dev=("Geo Solo PPMID",), srv=("11.3",)),
        P("The Kamstrup Nordic ESME carries out SRV 1.6 to change from Credit Mode to Prepayment Mode only while the meter balance is above zero.", dev=("Kamstrup Nordic ESME",), srv=("1.6",)),
        P("Where the Itron Vesta GSME receives SRV 7.1, the valve opens only after the consumer presses the button on the GSME.", dev=("Itron Vesta GSME",), srv=("7.1",)),
        P("The Secure Europa GSME holds the conversion factor set by SRV 6.14.1 to four decimal places only.", dev=("Secure Europa GSME",), srv=("6.14.1",)),
        P("The L+G G470 GSME keeps no separate record of Top Ups made through a PPMID, so the response to SRV 4.14 shows them as made at the meter.", dev=("L+G G470 GSME",), srv=("4.14",)),
        P("The Ampy Vantage ESME and the Elster Polaris ESME apply a Tariff sent by SRV 1.1.1 at the next half-hour boundary rather than at the time requested.", dev=("Ampy Vantage ESME", "Elster Polaris ESME"), srv=("1.1.1",)),
        P("On receipt of SRV 6.11, the Telit CHF synchronises the clocks of all the Devices on its HAN and not only that of the target Device.", dev=("Telit CHF",), srv=("6.11",)),
        P("The Aclara SGM1420 GSME rejects SRV 2.2 with a Top Up value of zero, and the S1SP passes the rejection to the User unchanged.", dev=("Aclara SGM1420 GSME",), srv=("2.2",)),
        P("The Chameleon IHD6 PPMID does not show a message sent by SRV 3.1 while it is displaying a low credit warning.", dev=("Chameleon IHD6 PPMID",), srv=("3.1",)),
        P("The Secure Hub CHF returns its own firmware version and those of the Devices on its HAN in one response to SRV 11.2; the S1SP returns the version of the target Device only.", dev=("Secure Hub CHF",), srv=("11.2",)),
        P("Where the L+G E570 ESME receives SRV 7.2 during a friendly credit period, the supply is disabled at the end of that period and not at once.", dev=("L+G E570 ESME",), srv=("7.2",)),
        P("The EDMI Gemini GSME returns its daily read log in reverse date order in response to SRV 4.6.1; the S1SP sorts the entries before it builds the Service Response.", dev=("EDMI Gemini GSME",), srv=("4.6.1",)),
        P(
            "Where the Itron Orion ESME receives SRV 8.7.1 for a PPMID, the S1SP:",
            P("checks that the PPMID is on the CHF whitelist;"),
            P("sends the join Command to the ESME only after the PPMID has joined the CHF; and"),
            P("reports a failure if the PPMID has not joined within 24 hours."),
            dev=("Itron Orion ESME",), srv=("8.7.1",),
        ),
        P("The Sagemcom Novus ESME does not record half-hourly export profile data, and the S1SP rejects SRV 4.8.3 for it.", dev=("Sagemcom Novus ESME",), srv=("4.8.3",)),
        P("The Honeywell Halo GSME takes its daily read at 05:00 local time rather than at midnight, and the entries returned by SRV 4.6.1 carry that time.", dev=("Honeywell Halo GSME",), srv=("4.6.1",)),
        P("Where the Secure Beacon PPMID receives SRV 8.8.1, the S1SP also removes the PPMID from the Secure Liberty 100 ESME with which it was paired.", dev=("Secure Beacon PPMID", "Secure Liberty 100 ESME"), srv=("8.8.1",)),
        P("The Kamstrup Nordic ESME returns Reactive Import profile data in response to SRV 4.8.2 for the last 31 days only.", dev=("Kamstrup Nordic ESME",), srv=("4.8.2",)),
        P("The Toshiba Hub CHF reports the signal strength of a Device on its HAN in response to SRV 8.2 only where that Device has communicated in the last 24 hours.", dev=("Toshiba Hub CHF",), srv=("8.2",)),
        P("Where the Aclara SGM1411 GSME receives SRV 6.15.2, the GSME has first to be woken by the CHF, and the S1SP therefore completes the request within 24 hours rather than at once.", dev=("Aclara SGM1411 GSME",), srv=("6.15.2",)),
        P("The Elster Polaris GSME does not support SRV 2.3, which the S1SP rejects; debt for premises with an Elster Polaris GSME is managed through the ESME on the same premises.", dev=("Elster Polaris GSME",), srv=("2.3",)),
    ]
    if version != "11":
        c.append(
            P("Where the Secure Liberty 200 ESME receives SRV 4.2, the S1SP derives the half-hourly export values from readings of the export register rather than from the profile log of the ESME.", dev=("Secure Liberty 200 ESME",), srv=("4.2",), key="18.62")
        )
    return Section("Device Specific Behaviours", tuple(c))


# ------------------------------------------------------------------------ other sections
# SRVs processed with a note of their own in section 4: (number, name, what the S1SP does).
_SRV_NOTES: tuple[tuple[str, str, str], ...] = (
    ("1.1.1", "Update Import Tariff (Primary Element)", "translates the Tariff into the register and price structure of the Device Model and rejects any Tariff the Device cannot hold"),
    ("1.2.1", "Update Price (Primary Element)", "sends the new prices with the activation date-time given, converted to the local time of the Device where the Device keeps local time"),
    ("1.5", "Update Meter Balance", "applies the adjustment to the meter balance and returns the balance read from the Device after the adjustment"),
    ("1.6", "Update Payment Mode", "checks the current payment mode before sending any Command and returns success without a Command where no change is needed"),
    ("2.1", "Update Prepayment Configuration", "keeps a copy of the configuration sent, because several Device Models cannot return it when read"),
    ("2.2", "Top Up Device", "passes the Top Up to the Device and returns the resulting meter balance where the Device reports it"),
    ("2.3", "Update Debt", "applies each debt register change separately and returns the values read after the last change"),
    ("2.5", "Activate Emergency Credit", "sends the activation only where the Device reports that Emergency Credit is available"),
    ("3.1", "Display Message", "removes any characters the Device cannot display and returns a response listing the characters removed"),
    ("4.1.1", "Read Instantaneous Import Registers", "reads the registers from the Device at the time of the request"),
    ("4.2", "Read Instantaneous Export Registers", "reads the export registers where the Device records export and otherwise rejects the request"),
    ("4.4.2", "Retrieve Change of Mode / Tariff Triggered Billing Data Log", "returns the entries the Device holds, which may be fewer than requested"),
    ("4.6.1", "Retrieve Import Daily Read Log", "returns daily reads for the range requested, taking them from its own store where it holds them"),
    ("4.8.1", "Retrieve Active Import Profile Data", "returns half-hourly data from its buffer where it holds it and reads any remainder from the Device"),
    ("4.8.2", "Retrieve Reactive Import Profile Data", "processes the request as for SRV 4.8.1"),
    ("4.8.3", "Retrieve Export Profile Data", "processes the request as for SRV 4.8.1 where the Device records export"),
    ("4.10", "Read Maximum Demand Registers", "returns the registers in kilowatts whatever unit the Device uses"),
    ("4.11", "Read Event or Security Log", "returns the events the Device holds, translated into the event codes of the DUIS where a translation exists"),
    ("4.13", "Read Prepayment Configuration", "returns the configuration read from the Device, completed from its own copy where the Device cannot return part of it"),
    ("4.14", "Read Prepayment Daily Read Log", "returns the log where the Device keeps one and otherwise rejects the request"),
    ("5.1", "Create Schedule", "holds the schedule in the S1SP and sends the corresponding read to the Device at each scheduled time"),
    ("6.8", "Update Device Configuration (Billing Calendar)", "converts the calendar into the periods the Device supports and returns the calendar as set"),
    ("6.11", "Synchronise Clock", "sends the time of the DCC Systems to the Device and returns the resulting deviation"),
    ("6.15.1", "Update Security Credentials (KRP)", "updates the credentials it holds on behalf of the Device, the SMETS1 Device holding none of its own"),
    ("7.1", "Enable Supply", "sends the Command and returns the supply state read from the Device once the Command has been carried out"),
    ("7.2", "Disable Supply", "processes the request as for SRV 7.1"),
    ("8.2", "Read Inventory", "returns the Devices on the HAN as recorded in the CHF Device Log"),
    ("8.7.1", "Join Service (Critical)", "joins the Devices only where both are on the CHF whitelist"),
    ("11.1", "Update Firmware", "distributes the image to the Device and holds activation until SRV 11.3 is received"),
    ("11.3", "Activate Firmware", "activates the image last distributed to the Device and rejects the request where none has been distributed"),
    ("4.3", "Read Instantaneous Prepay Values", "returns the values read from the Device, converted to pence where the Device uses another unit"),
    ("4.16", "Read Meter Balance", "returns the meter balance and the Emergency Credit balance read from the Device"),
    ("4.17", "Retrieve Billing Calendar Triggered Billing Data Log", "returns the entries held by the Device or, where the S1SP holds the billing calendar, those it has recorded"),
    ("5.2", "Read Schedule", "returns the schedules it holds for the Device"),
    ("5.3", "Delete Schedule", "deletes the schedule it holds and, where the schedule was for profile data, empties the buffer for the Device"),
    ("6.2.1", "Read Device Configuration (Voltage)", "returns the voltage configuration read from the Device, in volts"),
    ("6.4.1", "Update Device Configuration (Load Limiting General Settings)", "sends the settings where the Device supports load limiting and otherwise rejects the request"),
    ("6.12", "Update Device Configuration (Instantaneous Power Threshold)", "sends the threshold to the Device and returns the threshold read back from it"),
    ("6.14.1", "Update Device Configuration (Gas Conversion)", "sends the conversion factor to the GSME"),
    ("6.15.2", "Update Security Credentials (Device)", "processes the request as for SRV 6.15.1"),
    ("6.20.1", "Set Maximum Demand Configurable Time Period", "sends the period to the Device where the Device supports it"),
    ("6.24.1", "Retrieve Device Security Credentials (KRP)", "returns the credentials it holds on behalf of the Device"),
    ("6.25", "Set Electricity Supply Tamper State", "sends the tamper state to the ESME"),
    ("7.3", "Arm Supply", "sends the Command and returns the supply state read from the Device"),
    ("7.4", "Read Supply Status", "reads the supply state from the Device"),
    ("8.3", "Decommission Device", "removes the Device from the CHF Device Log and from the Smart Metering Inventory"),
    ("8.8.1", "Unjoin Service (Critical)", "unjoins the Devices and updates the CHF Device Log"),
    ("8.11", "Update HAN Device Log", "adds and removes Devices in the CHF Device Log in the order given"),
    ("8.14.1", "Communications Hub Status Update – Install Success", "records the installation of the CHF and starts to accept Service Requests for it"),
    ("11.2", "Read Firmware Version", "returns the firmware version read from the Device"),
)


def _srv_sort_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _section_4() -> Section:
    clauses = [
        P("This Section describes, for each Service Request Variant that the S1SP supports for every Cohort, how the S1SP processes it. Section 18 records where a Device Model behaves differently."),
    ]
    for number, name, note in sorted(_SRV_NOTES, key=lambda n: _srv_sort_key(n[0])):
        clauses.append(P(f"On receipt of SRV {number} ({name}), the S1SP {note}."))
    clauses.append(P("Any Service Request Variant not listed in this Section is processed as described in the DUIS, subject to Clause 3.7."))
    return Section("Processing of Service Request Variants", tuple(clauses))


def _pre_migration(cohort: str, hub: str, extra: tuple[Para, ...]) -> Para:
    return P(
        f"Before an Installation in the {cohort} Cohort is Migrated, the Supplier shall ensure that:",
        P("the clock of each Device is within ten seconds of UTC;"),
        P(f"the {hub} has communicated with each Device on its HAN in the previous 24 hours;"),
        P("no firmware distribution or activation is outstanding for any Device;"),
        P("the payment mode recorded by the SMETS1 SMSO matches that of each meter;"),
        *extra,
        P("the Device Model Combination is listed on the SMETS1 Eligible Product Combinations List; and"),
        P("any outstanding Alerts have been cleared."),
    )


def _sections(version: str) -> tuple[Section, ...]:
    clause_5_3 = (
        "The S1SP shall return a Service Response within the target response time set out in the DUIS for the relevant Service Request Variant."
        if version == "11"
        else "The S1SP shall return a Service Response within the target response time set out in the DUIS for the relevant Service Request Variant, except where Section 18 records a longer time for a Device Model."
    )
    return (
        Section("Introduction", (
            P("This document is the SMETS1 Supporting Requirements and forms Appendix AM of the Smart Energy Code.", note="The Smart Energy Code is the multi-party agreement that sets out the terms for the provision of the DCC's services."),
            P("It sets out how the DCC, acting through the SMETS1 Service Provider, processes Service Requests that are addressed to SMETS1 Devices, where that processing differs from the processing described in the DUIS."),
            P("Where a SMETS1 Device Model does not behave as the DUIS and GBCS would lead a User to expect, the difference is recorded in Section 18, and the Device Models to which each clause of Section 18 applies are identified in the DMVES in Annex A."),
            P("Nothing in this document requires a SMETS1 Device to be changed. Its purpose is to describe the outcome a User can expect when it sends a Service Request."),
            P(
                "This document is structured as follows:",
                P("Sections 2 and 3 set out the terms used in this document and the scope of the SMETS1 Services."),
                P("Sections 4 to 17 describe how Service Requests, Alerts, firmware and Migration are handled for SMETS1 Devices generally."),
                P("Section 18 records the behaviours that are specific to particular Device Models."),
                P("Sections 19 and 20 set out how this document is changed and the transitional arrangements that apply."),
                P("The Annexes list the Service Request Variants and Device Model Combinations to which this document applies."),
            ),
            P("A reference in this document to a Clause or Section is to a clause or section of this document unless stated otherwise."),
        )),
        Section("Definitions and Interpretation", (
            P(
                "In this document, the following terms have the meanings given below:",
                P("\"Alert\" means a message raised by a Device without a Service Request, as described in Section 7;"),
                P("\"CHF Device Log\" means the list of Devices permitted to communicate with a CHF over its HAN;"),
                P("\"Cohort\" means a group of SMETS1 Installations, being FOC, IOC or MOC, whose Devices are supported by the same systems of the S1SP;"),
                P("\"Command\" means an instruction sent by the S1SP to a SMETS1 Device;"),
                P("\"Device Model\" means a model of SMETS1 Device identified by its manufacturer, model and firmware version;"),
                P("\"DMVES\" means the Device Model Variations to Equivalent Steps Matrix set out in Annex A;"),
                P("\"DUIS\" means the DCC User Interface Specification;"),
                P("\"Emergency Credit\" means credit made available to a consumer when the meter balance falls below a set threshold;"),
                P("\"EPCL GroupID\" means the two-letter identifier given to a group of entries on the SMETS1 Eligible Product Combinations List;"),
                P("\"FOC\" means the Foundation Operating Capability;"),
                P("\"GBCS\" means the Great Britain Companion Specification;"),
                P("\"HAN\" means the home area network formed by a CHF and the Devices joined to it;"),
                P("\"IOC\" means the Initial Operating Capability;"),
                P("\"Migration\" means the transfer of a SMETS1 Installation to the DCC Systems in accordance with the TMAD, and \"Migrated\" is to be read accordingly;"),
                P("\"MOC\" means the Middle Operating Capability;"),
                P("\"S1SP\" means the SMETS1 Service Provider responsible for the Cohort concerned;"),
                P("\"Service Request Variant\" or \"SRV\" means a variant of a Service Request identified by number in the DUIS;"),
                P("\"SM WAN\" means the wide area network over which a CHF communicates with the S1SP;"),
                P("\"SMETS1 Response\" means a response returned by the S1SP on behalf of a SMETS1 Device;"),
                P("\"SMETS1 SMSO\" means the smart metering system operator that served an Installation before its Migration;"),
                P("\"TMAD\" means the SMETS1 Transition and Migration Approach Document, Appendix AL of the Code;"),
                P("\"Top Up\" means an addition of credit to a meter operating in Prepayment Mode; and"),
                P("\"Uplift\" means a release of changes to the systems of the S1SP."),
            ),
            P("Capitalised terms used but not defined in this document have the meanings given to them in Section A of the Code."),
            P("A reference to an SRV by number, such as SRV 4.8.1, is a reference to the Service Request Variant of that number in the DUIS."),
            P("Where this document says that the S1SP rejects a Service Request, the S1SP returns a response giving the reason and sends no Command to the Device."),
            P("Headings are for convenience only and do not affect the meaning of this document."),
            P("A reference to a time is to local time in Great Britain unless stated otherwise."),
        )),
        Section("Scope of the SMETS1 Services", (
            P("The SMETS1 Services are provided for SMETS1 Installations that have been Migrated, or Commissioned after Migration, in accordance with the TMAD."),
            P("The S1SP supports the Service Request Variants listed in Annex D for each Cohort. A Service Request Variant that is not listed in Annex D for a Cohort is rejected."),
            P("The following clauses apply to every Service Request addressed to a SMETS1 Device:"),
            P("The DCC shall process the Service Request as it would for a SMETS2+ Device until the Service Request is passed to the S1SP."),
            P("The S1SP shall translate the Service Request into one or more Commands in the form the Device understands."),
            P("The S1SP shall translate each response from the Device into a Service Response in the form described in the DUIS."),
            P("Where the S1SP cannot translate a Service Request for a Device Model, it shall reject the Service Request."),
            P("A Service Request that is rejected under this Section is not counted towards the Service Levels set out in the Code."),
            P(
                "The S1SP shall make available to the DCC:",
                P("a record of every Service Request it has received and the Service Response returned;"),
                P("a record of every Command sent to a Device and the response received; and"),
                P("the current configuration it holds for each Device."),
            ),
        )),
        _section_4(),
        Section("Responses and Acknowledgements", (
            P("The S1SP shall send a Service Response to the DCC for every Service Request it receives."),
            P("Where a Device does not respond, the S1SP shall retry the Command in accordance with Clause 5.4 before returning a failure."),
            P(clause_5_3, key="5.3"),
            P(
                "The S1SP shall retry a Command to which no response has been received:",
                P("up to three times;"),
                P("at intervals of not less than five minutes; and"),
                P("only within the target response time."),
            ),
            P("Where the S1SP acknowledges a Service Request before the Device has carried out the Command, the final Service Response shall follow once the outcome is known."),
            P("A Service Response from the S1SP shall carry the same Request ID as the Service Request to which it responds."),
            P(
                "A Service Response shall state, for each Command sent:",
                P("the Device to which it was sent;"),
                P("the time at which it was sent;"),
                P("the outcome; and"),
                P("where the Command failed, the reason."),
            ),
        )),
        Section("Threshold Anomaly Detection", (
            P("The DCC applies Threshold Anomaly Detection to Service Requests for SMETS1 Devices as it does to those for SMETS2+ Devices."),
            P(
                "In addition, the S1SP applies thresholds to:",
                P("the number of Service Requests of each Service Request Variant received for a Device in any 24 hours;"),
                P("the number of firmware images distributed in any 24 hours; and"),
                P("the number of changes of supply state for a Device in any 24 hours."),
            ),
            P("Where a threshold in Clause 6.2 is exceeded, the S1SP shall quarantine the Service Request and notify the DCC."),
            P("The DCC shall tell the User of any quarantined Service Request and of the action it has taken."),
            P("The thresholds in Clause 6.2 are set by the DCC after consulting the Security Sub-Committee and may be changed without a change to this document."),
            P("A quarantined Service Request is deleted after 30 days unless the User asks for it to be released."),
        )),
        Section("Alerts", (
            P("The S1SP shall translate Alerts from SMETS1 Devices into Device Alerts or DCC Alerts in the form set out in the DUIS."),
            P(
                "The S1SP shall raise a DCC Alert where:",
                P("a Device reports a tamper event;"),
                P("the supply to a Device has been interrupted;"),
                P("the clock of a Device has drifted by more than ten seconds;"),
                P("a Command has failed after every retry;"),
                P("the activation of firmware has failed;"),
                P("a Device has left the HAN;"),
                P("the battery of a Device is low;"),
                P("the CHF has not connected to the SM WAN for more than 24 hours; or"),
                P("the S1SP has quarantined a Service Request."),
            ),
            P("Where a SMETS1 Device raises an Alert with no equivalent in the DUIS, the S1SP shall not pass it to Users."),
            P("The S1SP shall suppress a repeat of the same Alert from the same Device within five minutes."),
            P("Alerts buffered on the CHF are passed to Users when the CHF next connects, with the time at which each was raised."),
            P(
                "The S1SP translates the following events recorded by SMETS1 Devices into the Alerts named against them:",
                P("a power failure, into a Supply Outage Alert;"),
                P("the restoration of power, into a Supply Restored Alert;"),
                P("the opening of a terminal cover, into a Tamper Alert;"),
                P("a strong magnetic field, into a Tamper Alert;"),
                P("a reverse flow of current, into a Tamper Alert;"),
                P("the closure of a valve by the GSME itself, into a Supply Disabled Alert;"),
                P("low credit, into a Low Credit Alert;"),
                P("Emergency Credit becoming available, into an Emergency Credit Available Alert;"),
                P("Emergency Credit running out, into a Supply Disabled Alert;"),
                P("a failed authentication, into a Security Alert;"),
                P("a clock adjusted by the Device, into a Clock Adjusted Alert;"),
                P("the verification of a firmware image, into a Firmware Verification Success Alert;"),
                P("a firmware image failing verification, into a Firmware Verification Failure Alert;"),
                P("a Device joining the HAN, into a Device Joined Alert; and"),
                P("a Device leaving the HAN, into a Device Left Alert."),
            ),
        )),
        Section("Firmware", (
            P("The S1SP shall accept a firmware image only where the image is listed on the Central Products List for the Device Model concerned."),
            P("Where a firmware image is too large for a Device Model, the S1SP shall reject it before any part of it is distributed."),
            P(
                "A firmware update of a SMETS1 Device takes place in two stages:",
                P("distribution, in which the S1SP sends the image to the Device; and"),
                P(
                    "activation, in which the Device starts to run the image, either:",
                    P("at the date and time set in the Service Request; or"),
                    P("where none is set, as soon as the image has been received."),
                ),
            ),
            P("The S1SP shall not distribute a firmware image to a Device while another distribution to a Device on the same HAN is in progress."),
            P("Once activation has completed, the S1SP shall read the firmware version from the Device and update the Smart Metering Inventory."),
            P("Where activation fails, the Device continues to run its previous firmware and the S1SP raises a DCC Alert."),
            P("A User may ask the S1SP to cancel a firmware distribution that has not completed; activation of a cancelled image is rejected."),
        )),
        Section("Commissioning and Pre-notification", (
            P("A SMETS1 Device may be added to a Migrated Installation only where the resulting Device Model Combination is on the SMETS1 Eligible Product Combinations List."),
            P("The Supplier shall pre-notify the DCC of a SMETS1 Device before it is installed, using the entry on the Central Products List for that Device Model."),
            P(
                "On receipt of a pre-notification, the S1SP shall check that:",
                P("the Device Model is supported for the Cohort of the Installation;"),
                P("the Device is not already recorded in the Smart Metering Inventory; and"),
                P("the Device can join the CHF of the Installation."),
            ),
            P("Where a check in Clause 9.3 fails, the S1SP shall reject the pre-notification and give the reason."),
            P("A Device that has been pre-notified is Commissioned once it has joined the CHF and the S1SP has confirmed its credentials."),
            P("A Device that has not joined within 28 days of its pre-notification shall be removed from the Smart Metering Inventory."),
        )),
        Section("Migration", (
            P("SMETS1 Installations are Migrated in accordance with the TMAD. This Section describes what the S1SP does once an Installation has been Migrated."),
            P("On Migration, the S1SP shall record the configuration of each Device as reported by the SMETS1 SMSO."),
            P(
                "Where the configuration reported by the SMETS1 SMSO differs from that read from the Device, the S1SP shall:",
                P("use the configuration read from the Device;"),
                P("record the difference; and"),
                P("notify the Responsible Supplier of the difference within five Working Days."),
            ),
            P("The S1SP shall not accept a Service Request for a Device in an Installation whose Migration has not completed."),
            P("Where Migration fails, the Installation returns to the SMETS1 SMSO and the S1SP holds no data about it."),
            P(
                "The following data is transferred to the S1SP on Migration:",
                P("the Tariff and prices applying to each meter;"),
                P("the prepayment configuration, where a meter operates in Prepayment Mode;"),
                P("any schedules set up by the Responsible Supplier; and"),
                P("the Security Credentials held for each Device."),
            ),
            P("Profile data and logs held by the SMETS1 SMSO are not transferred; they remain available from the Devices."),
            P("The Responsible Supplier shall tell the DCC of any Device it knows to be faulty before the Installation is Migrated."),
            P(
                "The S1SP shall report to the DCC, for each Migration:",
                P("the MPxN of each meter;"),
                P("the Device Models in the Installation;"),
                P("the Cohort and EPCL GroupID;"),
                P("the outcome of each check set out in the TMAD; and"),
                P("the time at which the Migration completed."),
            ),
        )),
        Section("Pre-Migration Configuration", (
            P("This Section sets out the configuration that the Supplier shall establish before an Installation is Migrated. Configuration specific to Device Models is set out in Annex F."),
            _pre_migration("FOC", "CHF", (P("the profile data push of each Device is set to run between 00:30 and 05:30;"),)),
            _pre_migration("IOC", "Communications Hub", (P("the GSME is on the CHF whitelist;"),)),
            _pre_migration("MOC", "Communications Hub", (P("the ESME and GSME hold the current Security Credentials of the Supplier;"), P("any Secure specific configuration set out in Annex F has been applied;"))),
            P("The DCC may refuse to Migrate an Installation that does not meet this Section."),
        )),
        Section("Communications Hubs", (
            P("A SMETS1 CHF connects to the SM WAN of its Cohort, which may not be that used by SMETS2+ Communications Hubs."),
            P("The S1SP shall hold a CHF Device Log for each CHF that mirrors the log held on the CHF."),
            P("Where the CHF Device Log held by the S1SP differs from that held on the CHF, the log held on the CHF prevails."),
            P("A CHF may hold buffered data for up to 25 hours before it is sent to the S1SP."),
            P("The replacement of a CHF requires the Security Credentials of each Device on its HAN to be updated, as set out in Clause [[ref:13.2]]."),
            P("A CHF that has not connected to the SM WAN for 30 days shall be treated by the S1SP as withdrawn."),
            P("The S1SP shall pass to the DCC the status of each CHF at least once a day."),
            P(
                "The status passed under Clause 12.7 includes:",
                P("the time of the last connection of the CHF;"),
                P("the signal strength of its connection to the SM WAN;"),
                P("the number of Devices on its HAN; and"),
                P("the number of Alerts it has buffered."),
            ),
            P("Where a CHF is replaced, the S1SP shall move the Devices on its HAN to the new CHF without changing their identifiers."),
        )),
        Section("Security Credentials", (
            P("SMETS1 Devices do not hold Security Credentials in the form used by SMETS2+ Devices. The S1SP holds credentials on their behalf."),
            P("The S1SP shall update the credentials it holds for a Device when a Service Request to update the Security Credentials of that Device is received, and no Command shall be sent to the Device unless Section 18 says otherwise.", key="13.2"),
            P("The S1SP shall check the Security Credentials of the User in every Service Request before any Command is sent to a Device."),
            P("Where a Device holds credentials of its own, these are set by the S1SP and are never disclosed to Users."),
            P(
                "On a change of supplier, the S1SP shall:",
                P("replace the credentials of the previous supplier with those of the new supplier;"),
                P("remove any schedules set up by the previous supplier; and"),
                P("keep the data it holds for the Devices."),
            ),
            P("The S1SP shall record every change to the credentials it holds, with the identity of the User that asked for it."),
        )),
        Section("Prepayment", (
            P("SMETS1 Devices operating in Prepayment Mode are supported in each Cohort, subject to Section 18."),
            P("The S1SP shall keep a copy of the prepayment configuration set for each Device, because not every Device Model can return it."),
            P("Where a Device cannot apply part of a prepayment configuration, the S1SP shall reject the whole Service Request."),
            P(
                "Top Ups may be applied to a SMETS1 ESME or GSME:",
                P("by the User, through a Service Request;"),
                P("by the consumer, at the meter; or"),
                P("by the consumer, at a PPMID where one is installed."),
            ),
            P("The S1SP shall return the meter balance read from the Device after every Top Up applied through a Service Request."),
            P("Debt values are held to the precision the Device supports; the S1SP rounds any value it cannot hold."),
            P("Where a consumer has applied a Top Up at the meter, the S1SP learns of it only when the meter balance is next read."),
            P("The S1SP shall not change the payment mode of a Device while a Top Up sent through a Service Request is outstanding."),
        )),
        Section("Tariffs and Billing", (
            P("The S1SP shall translate a Tariff into the structure the Device Model supports and shall reject a Tariff that the Device cannot hold."),
            P("Billing calendars are applied in the local time of the Device where it keeps local time and in UTC otherwise."),
            P("Where a Device cannot hold a billing calendar, the S1SP shall hold it and read the registers at each billing date."),
            P("The Billing Data Log of a SMETS1 Device may hold fewer entries than that of a SMETS2+ Device."),
            P("Block tariffs are supported only for the Device Models listed in Annex D."),
            P("Where the S1SP holds a billing calendar on behalf of a Device, it shall read the registers within 30 minutes after each billing date."),
            P(
                "The S1SP rejects a Tariff where:",
                P("it has more registers than the Device supports;"),
                P("a price exceeds the largest value the Device can hold; or"),
                P("it requires block pricing on a Device that does not support block pricing."),
            ),
        )),
        Section("Time and Clock Synchronisation", (
            P("The S1SP shall keep the clock of each Device within ten seconds of UTC."),
            P("Where the clock of a Device drifts by more than ten seconds, the S1SP shall correct it and raise a DCC Alert."),
            P("A Device that keeps local time changes between GMT and BST on the dates set by law, and the S1SP converts its timestamps to UTC."),
            P("Profile data that spans a clock change is returned in UTC, and no period is returned twice."),
            P("The S1SP shall record each clock correction and return the record in response to a request for the Event Log."),
            P("Where a Device cannot keep time, the S1SP shall timestamp its data on receipt and say so in the Service Response."),
        )),
        Section("Profile Data", (
            P("The S1SP shall keep a buffer of half-hourly profile data for each Device for which a User has set up a schedule with a Schedule End Date."),
            P("Data is kept in the buffer for no more than 25 hours."),
            P("A request for profile data is satisfied from the buffer where possible, and any missing data is read from the Device."),
            P("When the schedule is removed, the buffer for that Device is emptied and the push of profile data from the CHF is disabled."),
            P(
                "The S1SP shall apply the following safeguards to buffered data:",
                P("it is encrypted while stored;"),
                P("it is not disclosed to any User other than one entitled to read it; and"),
                P("it is deleted when no longer needed under this Section."),
            ),
            P("A User may ask the DCC for a report of the buffers held for the Devices in that User's Installations."),
        )),
        _section_18(version),
        Section("Changes to this Document", (
            P("This document may be changed only in accordance with Section D of the Code."),
            P("Where a new behaviour of a Device Model is identified, the DCC shall propose a change to Section 18 and to the DMVES together."),
            P("The DCC shall keep the references in the DMVES aligned with the clause numbers of this document."),
            P("A change to the DMVES alone, with no change to the clauses of this document, may be made by the DCC after consulting Users."),
        )),
        Section("Transitional Arrangements", (
            P("A clause of Section 18 that refers to an Uplift applies from the date on which that Uplift is deployed."),
            P("Where a clause of this document refers to a Device Model that has not yet been added to the SMETS1 Eligible Product Combinations List, the clause applies from the date the Device Model is added."),
            P(
                "The DCC shall publish on its website:",
                P("the current version of the DMVES;"),
                P("a list of the Uplifts deployed and their dates; and"),
                P("any Device Model whose behaviour is being assessed for inclusion in Section 18."),
            ),
            P("Nothing in this Section affects the rights of Users under Section H of the Code."),
        )),
    )


# ------------------------------------------------------------------------------ annexes
_ANNEXES: tuple[tuple[str, str, list[list[str]]], ...] = (
    (
        "Annex D – Service Request Variants supported by Cohort",
        "Table D1 – Supported Service Request Variants",
        [["SRV", "FOC", "IOC", "MOC"]]
        + [[f"SRV {n}", "Yes", "Yes" if i % 5 else "No", "Yes" if i % 7 else "No"] for i, (n, _, _) in enumerate(_SRV_NOTES)],
    ),
    (
        "Annex E – Device Model Combinations with firmware size limits",
        "Table E1 – Firmware image limits",
        [["CHF Device Model", "Maximum image size", "EPCL GroupIDs"]]
        + [[d.name, "512 kilobytes", d.group_id] for d in DEVICES if d.kind == "CHF"],
    ),
    (
        "Annex F – Device Model specific pre-Migration configuration",
        "Table F1 – Pre-Migration settings",
        [["Device Model", "Cohort", "Setting"]]
        + [[d.name, d.cohort, "Profile push between 00:30 and 05:30" if d.cohort == "FOC" else "Supplier credentials current"] for d in DEVICES if d.kind in ("ESME", "GSME")],
    ),
    (
        "Annex G – Device Model Combinations",
        "Table G1 – EPCL GroupIDs by manufacturer",
        [["EPCL GroupID", "Manufacturer", "Device Model", "Cohort"]]
        + [[d.group_id, d.manufacturer, d.name, d.cohort] for d in sorted(DEVICES, key=lambda d: d.group_id)],
    ),
)

_ANNEX_G_PROCEDURE = (
    "The DCC adds a Device Model Combination to Table G1 as follows:",
    (
        "the DCC confirms that the combination has passed the DMCT Process;",
        "the DCC allocates an EPCL GroupID; and",
        "the DCC publishes the updated Table G1 with the next version of this document.",
    ),
)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def behaviours(version: str) -> list[Behaviour]:
    """Every section-18 paragraph naming a Device Model, with its correct (unshifted) ref."""
    _check_version(version)
    sections = _sections(version)
    number = next(i for i, s in enumerate(sections, 1) if s.heading == "Device Specific Behaviours")
    out: list[Behaviour] = []
    for c, clause in enumerate(sections[number - 1].clauses, 1):
        ref = f"{number}.{c}"
        text = plain_refs(clause.text.replace(XREF_MARK, "Clause 18.5(t)"), REF_TARGETS)
        if clause.devices:
            out.append(Behaviour(ref, clause.devices, clause.srvs, text, clause.key))
        for i, item in enumerate(clause.children):
            if item.devices:
                out.append(Behaviour(f"{ref}({chr(97 + i)})", item.devices, item.srvs, item.text, item.key))
    return out


def items_18_5() -> list[tuple[str, str, str]]:
    """(v11 letter, Device Model, SRV) for each item of clause 18.5: the facts the lint checks."""
    return [(chr(97 + i), p.devices[0], p.srvs[0]) for i, p in enumerate(_ITEMS_18_5)]


def _check_version(version: str) -> None:
    if version not in VERSIONS:
        raise ValueError(f"unknown S1SR version {version!r}; known: {', '.join(VERSIONS)}")


def _numbering(builder: DocxBuilder) -> None:
    builder.abstract_num(
        BODY_ABSTRACT_ID,
        [
            Level(0, "decimal", "%1", pstyle="Heading1"),
            Level(1, "decimal", "%1.%2", indent_left=LEVEL_INDENTS[1]),
            Level(2, "lowerLetter", "(%3)", indent_left=LEVEL_INDENTS[2]),
            Level(3, "lowerRoman", "(%4)", indent_left=LEVEL_INDENTS[3]),
        ],
    )
    builder.num(BODY_NUM_ID, BODY_ABSTRACT_ID)
    # Same abstractNum, own counter: the Annex G list restarts at (a) instead of continuing.
    builder.num(ANNEX_LIST_NUM_ID, BODY_ABSTRACT_ID, {2: 1})
    builder.style("Heading1", "heading 1", based_on="Normal", num_id=BODY_NUM_ID, bold=True, size_half_points=28)


@dataclass
class _Renderer:
    builder: DocxBuilder
    version: str
    ilvl_overrides: dict[str, int] = field(default_factory=dict)

    def para(self, node: Para, ilvl: int) -> None:
        ilvl = self.ilvl_overrides.get(node.key or "", ilvl)
        bookmark = _BOOKMARKS.get(node.key or "")
        shown = "18.5(z)" if self.version == "12" else "18.5(t)"  # the REF followed its target
        targets = {**REF_TARGETS, "18.5t": (XREF_BOOKMARK, shown)}
        runs = ref_runs(node.text.replace(XREF_MARK, "Clause [[ref:18.5t]]"), targets)
        if node.note:
            runs.append(("", {"footnote": node.note}))
        self.builder.paragraph(num_id=BODY_NUM_ID, ilvl=ilvl, runs=runs, bookmark=bookmark)
        for child in node.children:
            self.para(child, ilvl + 1)


_BOOKMARKS = {"18.5t": XREF_BOOKMARK, **{key: bookmark for key, (bookmark, _) in REF_TARGETS.items()}}


def _toc_entries(version: str) -> list[tuple[str, str, int]]:
    """(number, heading, page) for each section and annex, pages estimated from the length of
    the text (about 85 characters a line, 46 lines a page; the cover and contents take pages 1-2),
    as a TOC's cached page numbers are until Word updates the field."""
    lines = 0

    def count(node: Para) -> int:
        return 1 + len(node.text) // 85 + sum(count(child) for child in node.children)

    entries = []
    for number, section in enumerate(_sections(version), 1):
        entries.append((str(number), section.heading, 3 + lines // 46))
        lines += 3 + sum(count(clause) for clause in section.clauses)
    lines = (lines // 46 + 1) * 46  # the annexes start on a new page
    for heading, _, rows in _ANNEXES:
        entries.append(("", heading, 3 + lines // 46))
        lines += 6 + 2 * len(rows)
    return entries


def _chf_picture() -> bytes:
    """Figure E1: a Communications Hub (left) linked to three Devices (right), drawn in pixels."""
    boxes = [((10, 45, 80, 75), (0, 51, 102))] + [((170, 10 + 40 * i, 230, 30 + 40 * i), (0, 128, 96)) for i in range(3)]

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        for (x0, y0, x1, y1), colour in boxes:
            if x0 <= x <= x1 and y0 <= y <= y1:
                return colour
        for i in range(3):
            ty = 20 + 40 * i
            if 80 < x < 170 and abs(y - (60 + (ty - 60) * (x - 80) / 90)) < 1.2:
                return (90, 90, 90)
        return (255, 255, 255)

    return png_image(240, 120, pixel)


_TABLE_E2 = [
    ["Cohort", "Maximum firmware image size", SPAN_LEFT],
    [MERGE_UP, "ESME", "GSME"],
    ["FOC", "512 kilobytes", "256 kilobytes"],
    ["IOC", "512 kilobytes", "256 kilobytes"],
    ["MOC", "1024 kilobytes", "512 kilobytes"],
]


def render_s1sr(version: str) -> DocxBuilder:
    """The builder for one S1SR version, before serialisation (benchmarks may add to it)."""
    _check_version(version)
    date, core_date = _DATES[version]
    b = appendix_cover("SMETS1 Supporting Requirements", "AM", _version_label(version), date, core_date)
    _numbering(b)
    overrides = {}
    if version == "12":
        overrides = {f"18.5p.{_roman(n)}": 2 for n in range(1, 7)}
    r = _Renderer(b, version, overrides)
    b.toc(_toc_entries(version))
    for s, section in enumerate(_sections(version)):
        b.paragraph(section.heading, style="Heading1", page_break_before=s == 0)
        for clause in section.clauses:
            r.para(clause, 1)
    for a, (heading, caption, rows) in enumerate(_ANNEXES):
        b.paragraph(heading, style="Heading1", num_id=0, page_break_before=a == 0)
        if heading.startswith("Annex G"):
            lead, steps = _ANNEX_G_PROCEDURE
            b.paragraph(lead)
            for step in steps:
                b.paragraph(step, num_id=ANNEX_LIST_NUM_ID, ilvl=2)
        b.paragraph(caption, style="Caption")
        b.table(rows)
        if heading.startswith("Annex E"):
            b.paragraph("Table E2 – Firmware image limits by Cohort", style="Caption")
            b.table(_TABLE_E2)
            b.picture(_chf_picture(), name="Figure E1", width_cm=8, height_cm=4, descr="A Communications Hub linked to three Devices")
            b.paragraph("Figure E1 – A CHF and the Devices on its HAN", style="Caption")
    return b


def _version_label(version: str) -> str:
    return version if "." in version else f"{version}.0"


def build_s1sr(version: str) -> bytes:
    return render_s1sr(version).to_bytes()
