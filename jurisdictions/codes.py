"""The jurisdictions whose commissions act under 47 U.S.C. § 252, by USPS code.

Each entry: name, the commission that arbitrates and approves agreements, and the
IANA time zone of the commission's seat (a filing day is a day in that zone).
"""

from typing import NamedTuple


class Jurisdiction(NamedTuple):
    name: str
    commission: str
    time_zone: str


JURISDICTIONS: dict[str, Jurisdiction] = {
    "AL": Jurisdiction("Alabama", "Alabama Public Service Commission", "America/Chicago"),
    "AK": Jurisdiction("Alaska", "Regulatory Commission of Alaska", "America/Anchorage"),
    "AZ": Jurisdiction("Arizona", "Arizona Corporation Commission", "America/Phoenix"),
    "AR": Jurisdiction("Arkansas", "Arkansas Public Service Commission", "America/Chicago"),
    "CA": Jurisdiction("California", "California Public Utilities Commission", "America/Los_Angeles"),
    "CO": Jurisdiction("Colorado", "Colorado Public Utilities Commission", "America/Denver"),
    "CT": Jurisdiction(
        "Connecticut", "Connecticut Public Utilities Regulatory Authority", "America/New_York"
    ),
    "DE": Jurisdiction("Delaware", "Delaware Public Service Commission", "America/New_York"),
    "DC": Jurisdiction(
        "District of Columbia", "Public Service Commission of the District of Columbia", "America/New_York"
    ),
    "FL": Jurisdiction("Florida", "Florida Public Service Commission", "America/New_York"),
    "GA": Jurisdiction("Georgia", "Georgia Public Service Commission", "America/New_York"),
    "HI": Jurisdiction("Hawaii", "Hawaii Public Utilities Commission", "Pacific/Honolulu"),
    "ID": Jurisdiction("Idaho", "Idaho Public Utilities Commission", "America/Boise"),
    "IL": Jurisdiction("Illinois", "Illinois Commerce Commission", "America/Chicago"),
    "IN": Jurisdiction("Indiana", "Indiana Utility Regulatory Commission", "America/Indiana/Indianapolis"),
    "IA": Jurisdiction("Iowa", "Iowa Utilities Commission", "America/Chicago"),
    "KS": Jurisdiction("Kansas", "Kansas Corporation Commission", "America/Chicago"),
    "KY": Jurisdiction("Kentucky", "Kentucky Public Service Commission", "America/New_York"),
    "LA": Jurisdiction("Louisiana", "Louisiana Public Service Commission", "America/Chicago"),
    "ME": Jurisdiction("Maine", "Maine Public Utilities Commission", "America/New_York"),
    "MD": Jurisdiction("Maryland", "Maryland Public Service Commission", "America/New_York"),
    "MA": Jurisdiction(
        "Massachusetts", "Massachusetts Department of Telecommunications and Cable", "America/New_York"
    ),
    "MI": Jurisdiction("Michigan", "Michigan Public Service Commission", "America/Detroit"),
    "MN": Jurisdiction("Minnesota", "Minnesota Public Utilities Commission", "America/Chicago"),
    "MS": Jurisdiction("Mississippi", "Mississippi Public Service Commission", "America/Chicago"),
    "MO": Jurisdiction("Missouri", "Missouri Public Service Commission", "America/Chicago"),
    "MT": Jurisdiction("Montana", "Montana Public Service Commission", "America/Denver"),
    "NE": Jurisdiction("Nebraska", "Nebraska Public Service Commission", "America/Chicago"),
    "NV": Jurisdiction("Nevada", "Public Utilities Commission of Nevada", "America/Los_Angeles"),
    "NH": Jurisdiction("New Hampshire", "New Hampshire Public Utilities Commission", "America/New_York"),
    "NJ": Jurisdiction("New Jersey", "New Jersey Board of Public Utilities", "America/New_York"),
    "NM": Jurisdiction("New Mexico", "New Mexico Public Regulation Commission", "America/Denver"),
    "NY": Jurisdiction("New York", "New York State Public Service Commission", "America/New_York"),
    "NC": Jurisdiction("North Carolina", "North Carolina Utilities Commission", "America/New_York"),
    "ND": Jurisdiction("North Dakota", "North Dakota Public Service Commission", "America/Chicago"),
    "OH": Jurisdiction("Ohio", "Public Utilities Commission of Ohio", "America/New_York"),
    "OK": Jurisdiction("Oklahoma", "Oklahoma Corporation Commission", "America/Chicago"),
    "OR": Jurisdiction("Oregon", "Oregon Public Utility Commission", "America/Los_Angeles"),
    "PA": Jurisdiction("Pennsylvania", "Pennsylvania Public Utility Commission", "America/New_York"),
    "RI": Jurisdiction("Rhode Island", "Rhode Island Public Utilities Commission", "America/New_York"),
    "SC": Jurisdiction("South Carolina", "Public Service Commission of South Carolina", "America/New_York"),
    "SD": Jurisdiction("South Dakota", "South Dakota Public Utilities Commission", "America/Chicago"),
    "TN": Jurisdiction("Tennessee", "Tennessee Public Utility Commission", "America/Chicago"),
    "TX": Jurisdiction("Texas", "Public Utility Commission of Texas", "America/Chicago"),
    "UT": Jurisdiction("Utah", "Utah Public Service Commission", "America/Denver"),
    "VT": Jurisdiction("Vermont", "Vermont Public Utility Commission", "America/New_York"),
    "VA": Jurisdiction("Virginia", "Virginia State Corporation Commission", "America/New_York"),
    "WA": Jurisdiction(
        "Washington", "Washington Utilities and Transportation Commission", "America/Los_Angeles"
    ),
    "WV": Jurisdiction("West Virginia", "Public Service Commission of West Virginia", "America/New_York"),
    "WI": Jurisdiction("Wisconsin", "Public Service Commission of Wisconsin", "America/Chicago"),
    "WY": Jurisdiction("Wyoming", "Wyoming Public Service Commission", "America/Denver"),
    "PR": Jurisdiction("Puerto Rico", "Puerto Rico Telecommunications Bureau", "America/Puerto_Rico"),
    "VI": Jurisdiction(
        "U.S. Virgin Islands", "Virgin Islands Public Services Commission", "America/St_Thomas"
    ),
    "GU": Jurisdiction("Guam", "Guam Public Utilities Commission", "Pacific/Guam"),
}

STATE_CHOICES: list[tuple[str, str]] = [(code, j.name) for code, j in JURISDICTIONS.items()]


def normalise_state_code(raw: str) -> str:
    """Upper-case and strip a typed code; raises ValueError with a paralegal-readable message."""
    code = (raw or "").strip().upper().rstrip(".")
    if code not in JURISDICTIONS:
        raise ValueError(
            f"“{raw.strip()}” is not a US state code. Use the two-letter postal code, such as MO or TN."
        )
    return code
