"""Permission-matrix rows: the unit summary and unit trend pages and their JSON twins.

Site staff (the matrix makes ``admin`` staff) and viewers of the unit or of a unit above it
see a unit's summary; everyone else gets 404, so unit ids cannot be probed. The ``viewer`` of
PDU one may not see the region's summary: it covers PDU two's inspections as well.

The scenario's ids name inspections and cases, not units, and a unit's id differs from run to
run (PostgreSQL sequences are not rolled back). The units fixture's codes are fixed (``EW``,
``R1``, ``P1``, ``P2``), so these url templates name a unit as ``{unit:P1}`` and
:class:`UnitUrl` reads its id when the matrix formats the url.
"""

from __future__ import annotations

import re
from typing import Any

from pinspect.web.organisations.models import Unit
from tests.web.matrix import Row, codes


class UnitUrl(str):
    """A url template whose ``{unit:CODE}`` fields are the ids of the units with those codes."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        def unit_id(match: re.Match[str]) -> str:
            return str(Unit.objects.get(code=match.group(1)).pk)

        return re.sub(r"\{unit:(\w+)\}", unit_id, str(self)).format(*args, **kwargs)


PDU_ONE = codes(404, 302, admin=200, viewer=200)
PDU_TWO = codes(404, 302, admin=200, other_viewer=200)
STAFF_ONLY = codes(404, 302, admin=200)


def _api(expected: dict[str | None, int]) -> dict[str | None, int]:
    return {**expected, None: 401}


ROWS: list[Row] = [
    ("unit summary (pdu)", "get", UnitUrl("/units/{unit:P1}/summary/"), None, PDU_ONE),
    ("unit summary (other pdu)", "get", UnitUrl("/units/{unit:P2}/summary/"), None, PDU_TWO),
    ("unit summary (region)", "get", UnitUrl("/units/{unit:R1}/summary/"), None, STAFF_ONLY),
    ("unit summary (nation)", "get", UnitUrl("/units/{unit:EW}/summary/"), None, STAFF_ONLY),
    ("unit summary (no such id)", "get", "/units/999999/summary/", None, codes(404, 302)),
    ("unit trend (pdu)", "get", UnitUrl("/units/{unit:P1}/trend/"), None, PDU_ONE),
    ("unit trend (other pdu)", "get", UnitUrl("/units/{unit:P2}/trend/"), None, PDU_TWO),
    ("unit trend (region)", "get", UnitUrl("/units/{unit:R1}/trend/"), None, STAFF_ONLY),
    (
        "unit trend as json (pdu)",
        "get",
        UnitUrl("/units/{unit:P1}/trend/?format=json"),
        None,
        PDU_ONE,
    ),
    ("unit trend (no such id)", "get", "/units/999999/trend/", None, codes(404, 302)),
    (
        "api: unit summary (pdu)",
        "get",
        UnitUrl("/api/units/{unit:P1}/summary"),
        None,
        _api(PDU_ONE),
    ),
    (
        "api: unit summary (other pdu)",
        "get",
        UnitUrl("/api/units/{unit:P2}/summary"),
        None,
        _api(PDU_TWO),
    ),
    (
        "api: unit summary (region)",
        "get",
        UnitUrl("/api/units/{unit:R1}/summary"),
        None,
        _api(STAFF_ONLY),
    ),
    (
        "api: unit summary (nation)",
        "get",
        UnitUrl("/api/units/{unit:EW}/summary"),
        None,
        _api(STAFF_ONLY),
    ),
    ("api: unit summary (no such id)", "get", "/api/units/999999/summary", None, codes(404, 401)),
]
