"""The invented SMETS1 Device Models that the synthetic S1SR and DMVES talk about.

Names are generic or made up; what matters is that each is unique, that no name is a
substring of another (the DMVES lint matches names verbatim in clause text) and that each
carries the facts a DMVES row needs: manufacturer, EPCL GroupID, cohort and device type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Device:
    name: str  # exactly as written in clause text and in the DMVES "Device Model(s)" cell
    manufacturer: str
    group_id: str  # EPCL GroupID
    cohort: str  # FOC | IOC | MOC
    kind: str  # ESME | GSME | CHF | PPMID

    def tagged(self) -> str:
        """'the Secure Europa GSME (EPCL GroupID CC, MOC)', as 18.5's items name a Device."""
        return f"the {self.name} (EPCL GroupID {self.group_id}, {self.cohort})"


DEVICES: tuple[Device, ...] = (
    Device("L+G E470 ESME", "Landis+Gyr", "EA", "IOC", "ESME"),
    Device("L+G E570 ESME", "Landis+Gyr", "EB", "IOC", "ESME"),
    Device("L+G G470 GSME", "Landis+Gyr", "EC", "IOC", "GSME"),
    Device("Secure Liberty 100 ESME", "Secure Meters", "CA", "MOC", "ESME"),
    Device("Secure Liberty 200 ESME", "Secure Meters", "CB", "MOC", "ESME"),
    Device("Secure Europa GSME", "Secure Meters", "CC", "MOC", "GSME"),
    Device("Secure Hub CHF", "Secure Meters", "CD", "MOC", "CHF"),
    Device("Secure Beacon PPMID", "Secure Meters", "CE", "MOC", "PPMID"),
    Device("EDMI Atlas ESME", "EDMI", "DA", "FOC", "ESME"),
    Device("EDMI Atlas Twin ESME", "EDMI", "DB", "FOC", "ESME"),
    Device("EDMI Gemini GSME", "EDMI", "DC", "FOC", "GSME"),
    Device("Itron Orion ESME", "Itron", "FA", "FOC", "ESME"),
    Device("Itron Vesta GSME", "Itron", "FB", "FOC", "GSME"),
    Device("Honeywell Halo ESME", "Honeywell", "GA", "IOC", "ESME"),
    Device("Honeywell Halo GSME", "Honeywell", "GB", "IOC", "GSME"),
    Device("Sagemcom Novus ESME", "Sagemcom", "HA", "MOC", "ESME"),
    Device("Kamstrup Nordic ESME", "Kamstrup", "JA", "FOC", "ESME"),
    Device("Elster Polaris ESME", "Elster", "KA", "IOC", "ESME"),
    Device("Elster Polaris GSME", "Elster", "KB", "IOC", "GSME"),
    Device("Ampy Vantage ESME", "Ampy", "LA", "MOC", "ESME"),
    Device("Aclara SGM1411 GSME", "Aclara", "MA", "FOC", "GSME"),
    Device("Aclara SGM1420 GSME", "Aclara", "MB", "IOC", "GSME"),
    Device("Flonidan Meridian GSME", "Flonidan", "NA", "MOC", "GSME"),
    Device("Telit CHF", "Telit", "PA", "IOC", "CHF"),
    Device("Toshiba Hub CHF", "Toshiba", "PB", "MOC", "CHF"),
    Device("Trilliant Mesh CHF", "Trilliant", "PC", "FOC", "CHF"),
    Device("Chameleon IHD6 PPMID", "Chameleon Technology", "QA", "IOC", "PPMID"),
    Device("Chameleon IHD3 PPMID", "Chameleon Technology", "QB", "FOC", "PPMID"),
    Device("Geo Solo PPMID", "Green Energy Options", "RA", "MOC", "PPMID"),
)


def device(name: str) -> Device:
    for dev in DEVICES:
        if dev.name == name:
            return dev
    raise KeyError(name)
