"""Golden for lib/data's nyseHolidays: the NYSE's full-day holidays 2000-2040 by rule.

Computed with python-dateutil (Debian python3-dateutil): `dateutil.easter.easter` for
Good Friday and `relativedelta` weekday arithmetic for the Monday/Thursday holidays,
written independently of lib/. Rules (NYSE Rule 7.2, as observed since 1998):
New Year's Day (Sunday -> Monday; Saturday -> not observed), Martin Luther King Jr. Day
(3rd Monday of January), Washington's Birthday (3rd Monday of February), Good Friday,
Memorial Day (last Monday of May), Juneteenth (from 2022), Independence Day, Labor Day
(1st Monday of September), Thanksgiving (4th Thursday of November), Christmas; fixed
dates on a Saturday move to Friday, on a Sunday to Monday.

Run: python3 tests/golden/nyse_holidays_golden.py > tests/golden/nyse_holidays.json
"""
import datetime as dt
import json

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, relativedelta


def observed(d):
    if d.weekday() == 5:
        return d - dt.timedelta(days=1)
    if d.weekday() == 6:
        return d + dt.timedelta(days=1)
    return d


def holidays(y):
    out = []
    jan1 = dt.date(y, 1, 1)
    if jan1.weekday() == 6:
        out.append(jan1 + dt.timedelta(days=1))
    elif jan1.weekday() < 5:
        out.append(jan1)
    out.append(jan1 + relativedelta(weekday=MO(+3)))
    out.append(dt.date(y, 2, 1) + relativedelta(weekday=MO(+3)))
    out.append(easter(y) - dt.timedelta(days=2))
    out.append(dt.date(y, 5, 31) + relativedelta(weekday=MO(-1)))
    if y >= 2022:
        out.append(observed(dt.date(y, 6, 19)))
    out.append(observed(dt.date(y, 7, 4)))
    out.append(dt.date(y, 9, 1) + relativedelta(weekday=MO(+1)))
    out.append(dt.date(y, 11, 1) + relativedelta(weekday=TH(+4)))
    out.append(observed(dt.date(y, 12, 25)))
    return sorted(d.isoformat() for d in out)


print(json.dumps({str(y): holidays(y) for y in range(2000, 2041)}, indent=1))
