"""Writes the files of this folder: register files as Lithuanian offices produce them, good and bad.

The bytes matter (encodings, BOM, separators, cached formula results), so the files are committed;
run `python tests/data/bad_imports/make_corpus.py` to rebuild them. tests/test_bad_imports.py
says what each must give.
"""

import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def text(name, lines, encoding="utf-8", bom=False):
    data = "\r\n".join(lines) + "\r\n"
    (HERE / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode(encoding))


def workbook(rows, cached=None):
    """An XLSX file; `cached` gives formula cells ("A3") the result Excel would have saved with them."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    if not cached:
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for ref, (kind, value) in cached.items():
                    xml = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>|<c r="{ref}"([^>]*)><f>(.*?)</f><v></v>',
                        lambda m: f'<c r="{ref}" t="{kind}"><f>{m.group(2) or m.group(4)}</f><v>{value}</v>',
                        xml,
                    )
                data = xml.encode()
            target.writestr(item, data)
    return result.getvalue()


def main():
    header = "name;legal_code;sector;is_member"
    rows = [
        "Šiaurės Žalgirio bendruomenė;302333333;civil;taip",
        "UAB „Ąžuolų ūkis“;302444444;business;ne",
        "Dūkšto seniūnija;188733333;public;1",
    ]
    # Excel's plain "CSV" in a Lithuanian Windows: Windows-1257 and ";".
    text("organisations_cp1257_semicolon.csv", [header, *rows], encoding="cp1257")
    # Excel's "CSV UTF-8": a BOM and ";".
    text("organisations_utf8_bom_semicolon.csv", [header, *rows], bom=True)
    text("organisations_missing_column.csv", ["legal_code,sector", "302333333,civil"])
    text("organisations_extra_column.csv", ["name,sector,Pastabos", "Ąžuolų klubas,civil,skambinti"])
    text("organisations_cells_beyond_header.csv", ["name,sector", "Ąžuolų klubas,civil", "Beržų klubas,civil,???"])
    text("organisations_duplicate_rows.csv", [
        "name,sector", "Ąžuolų klubas,civil", "Beržų klubas,civil", "Ąžuolų klubas,civil",
    ])
    (HERE / "empty.csv").write_bytes(b"")
    text("measures_amounts.csv", [
        "code;name;budget",
        "VPS-1.1;Verslumas;1 234,56",
        "VPS-1.2;Socialinis verslas;1234,56 €",
        "VPS-2.1;Bendruomenės;98500.50",
        "VPS-2.2;Jaunimas;150\u00a0000",
        "VPS-3.1;Senjorai;12,5 EUR",
    ])
    text("measures_ambiguous_amount.csv", ["code;name;budget", "VPS-1.1;Verslumas;1 234,56", "VPS-1.2;Paslaugos;1.234,56"])
    text("consultations_dates.csv", [
        "date;topic;consultant",
        "2025-03-14;Paraiškos rengimas;Asta",
        "2025.03.15;Biudžetas;Asta",
        "2025/03/16;Partnerystė;Jonas",
        "2025.03.17.;Viešieji pirkimai;Jonas",
    ])
    text("consultations_day_first.csv", [
        "date;topic;consultant", "2025-03-14;Paraiškos rengimas;Asta", "14.03.2025;Biudžetas;Asta",
    ])
    (HERE / "organisations_formulas.xlsx").write_bytes(workbook(
        [["name", "sector", "is_member"],
         ["Ąžuolų klubas", "civil", "=1=1"],
         ['=CONCATENATE("Beržų ","klubas")', "civil", 0]],
        cached={"C2": ("b", "1"), "A3": ("str", "Beržų klubas")},
    ))
    (HERE / "organisations_formula_without_result.xlsx").write_bytes(workbook(
        [["name", "sector"], ["Ąžuolų klubas", "civil"], ['=CONCATENATE("Beržų ","klubas")', "civil"]],
    ))
    (HERE / "measures_formula_error.xlsx").write_bytes(workbook(
        [["code", "name", "budget"], ["VPS-1.1", "Verslumas", "=1/0"]], cached={"C2": ("e", "#DIV/0!")},
    ))


if __name__ == "__main__":
    main()
