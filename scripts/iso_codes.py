#!/usr/bin/env python3
"""Writes the country and language code lists the core reads.

Source: Debian's `iso-codes` package (4.15.0 when first run; upstream
https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1-or-later): the
JSON lists of ISO 3166-1 and ISO 639-3 and their Romanian translations.
On top of them, by hand (below): the people of a country (demonyms) in
English and Romanian, Romanian names the translations lack or get wrong,
and a few other names people write ("UK", "Sorani", "Roma").

Output, under crates/fieldnotes-core/data/iso/, tab-separated, one row a
code, sorted by code:
- countries.tsv: alpha-2 code, English name, Romanian name, other names
  (`|`-separated);
- languages.tsv: code (ISO 639-1, or 639-3 when the language has no 639-1
  code), English name, Romanian name, other names, and `1` when free text
  is matched against its names (every 639-1 language and those named
  below), `0` when only its code is (so "Roma" is not taken for the
  Indonesian language of that name).

Run it again when iso-codes moves; review the diff.
"""

import gettext
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "fieldnotes-core" / "data" / "iso"
JSON = Path("/usr/share/iso-codes/json")
LOCALE = "/usr/share/locale"

# Code: (English demonyms and other names, Romanian names and demonyms).
COUNTRY_NAMES = {
    "RO": ("Romanian", "român|română|români|Romînia"),
    "MD": ("Moldovan|Moldova|Republic of Moldova", "moldovean|moldoveancă|moldoveană|Republica Moldova"),
    "GB": ("UK|U.K.|Britain|Great Britain|British|England|English|Scotland|Scottish|Wales|Welsh|Northern Ireland|Northern Irish",
           "Marea Britanie|Anglia|britanic|britanică|englez|engleză|Scoția|scoțian|Țara Galilor|Irlanda de Nord"),
    "AL": ("Albanian", "albanez|albaneză"),
    "BG": ("Bulgarian", "bulgar|bulgară"),
    "HU": ("Hungarian", "maghiar|maghiară|Ungaria|ungur"),
    "UA": ("Ukrainian", "ucrainean|ucraineană"),
    "RU": ("Russian|Russia", "rus|rusă|Rusia"),
    "PL": ("Polish|Pole", "polonez|poloneză"),
    "CZ": ("Czech|Czech Republic", "ceh|cehă|Cehia|Republica Cehă"),
    "SK": ("Slovak", "slovac|slovacă"),
    "SI": ("Slovenian|Slovene", "sloven|slovenă"),
    "HR": ("Croatian|Croat", "croat|croată"),
    "RS": ("Serbian|Serb", "sârb|sârbă"),
    "BA": ("Bosnian|Bosnia", "bosniac|bosniacă|Bosnia"),
    "ME": ("Montenegrin", "muntenegrean|muntenegreană"),
    "MK": ("Macedonian|North Macedonian|Macedonia", "macedonean|macedoneană|Macedonia"),
    "GR": ("Greek", "grec|grecoaică"),
    "TR": ("Turkish|Turkey", "turc|turcoaică|Turcia"),
    "IT": ("Italian", "italian|italiană"),
    "ES": ("Spanish", "spaniol|spaniolă"),
    "PT": ("Portuguese", "portughez|portugheză"),
    "FR": ("French", "francez|franceză"),
    "DE": ("German", "german|germană"),
    "AT": ("Austrian", "austriac|austriacă"),
    "NL": ("Dutch|Holland", "olandez|olandeză|Olanda"),
    "BE": ("Belgian", "belgian|belgiană"),
    "IE": ("Irish|Ireland", "irlandez|irlandeză|Irlanda"),
    "LT": ("Lithuanian", "lituanian|lituaniană"),
    "LV": ("Latvian", "leton|letonă"),
    "EE": ("Estonian", "estonian|estoniană"),
    "BY": ("Belarusian", "belarus|belarusă"),
    "GE": ("Georgian", "georgian|georgiană"),
    "AM": ("Armenian", "armean|armeană"),
    "AZ": ("Azerbaijani|Azeri", "azer|azeră"),
    "CY": ("Cypriot", "cipriot|cipriotă"),
    "SE": ("Swedish|Swede", "suedez|suedeză"),
    "NO": ("Norwegian", "norvegian|norvegiană"),
    "DK": ("Danish|Dane", "danez|daneză"),
    "FI": ("Finnish|Finn", "finlandez|finlandeză"),
    "CH": ("Swiss", "elvețian|elvețiană"),
    "VN": ("Vietnamese|Vietnam", "vietnamez|vietnameză"),
    "CN": ("Chinese", "chinez|chinezoaică"),
    "IN": ("Indian", "indian|indiană"),
    "PK": ("Pakistani", "pakistanez|pakistaneză"),
    "BD": ("Bangladeshi", "bangladeshez|bangladeșeză"),
    "AF": ("Afghan|Afghani", "afgan|afgană"),
    "IR": ("Iranian|Iran", "iranian|iraniană|Iran"),
    "IQ": ("Iraqi", "irakian|irakiană"),
    "SY": ("Syrian|Syria", "sirian|siriană|Siria"),
    "PH": ("Filipino|Philippine", "filipinez|filipineză"),
    "TH": ("Thai", "thailandez|thailandeză"),
    "LK": ("Sri Lankan", "srilankez|srilankeză"),
    "NP": ("Nepali|Nepalese", "nepalez|nepaleză"),
    "ID": ("Indonesian", "indonezian|indoneziană"),
    "MY": ("Malaysian", "malaezian|malaeziană"),
    "KH": ("Cambodian", "cambodgian|cambodgiană"),
    "LA": ("Laotian|Laos", "laoțian|laoțiană|Laos"),
    "MM": ("Burmese|Burma", "birman|birmană"),
    "KR": ("South Korean|South Korea", "sud-coreean|sud-coreeană|Coreea de Sud"),
    "KP": ("North Korean|North Korea", "nord-coreean|nord-coreeană|Coreea de Nord"),
    "JP": ("Japanese", "japonez|japoneză"),
    "UZ": ("Uzbek", "uzbec|uzbecă"),
    "KZ": ("Kazakh|Kazakhstani", "kazah|kazahă"),
    "TJ": ("Tajik", "tadjic|tadjică"),
    "KG": ("Kyrgyz", "kârgâz|kârgâză"),
    "TM": ("Turkmen", "turkmen|turkmenă"),
    "MN": ("Mongolian", "mongol|mongolă"),
    "SA": ("Saudi|Saudi Arabian", "saudit|saudită"),
    "AE": ("Emirati|UAE", "emiratez|emirateză|Emiratele Arabe Unite"),
    "LB": ("Lebanese", "libanez|libaneză"),
    "JO": ("Jordanian", "iordanian|iordaniană"),
    "IL": ("Israeli", "israelian|israeliană"),
    "PS": ("Palestinian|Palestine", "palestinian|palestiniană|Palestina"),
    "YE": ("Yemeni", "yemenit|yemenită"),
    "KW": ("Kuwaiti", "kuweitian|kuweitiană"),
    "QA": ("Qatari", "qatarez|qatareză"),
    "EG": ("Egyptian", "egiptean|egipteană"),
    "ER": ("Eritrean", "eritreean|eritreeană"),
    "SD": ("Sudanese", "sudanez|sudaneză"),
    "SS": ("South Sudanese", "sud-sudanez|sud-sudaneză"),
    "ET": ("Ethiopian", "etiopian|etiopiană"),
    "SO": ("Somali|Somalian", "somalez|somaleză"),
    "NG": ("Nigerian", "nigerian|nigeriană"),
    "GH": ("Ghanaian", "ghanez|ghaneză"),
    "CM": ("Cameroonian", "camerunez|cameruneză"),
    "CI": ("Ivorian|Ivory Coast", "ivorian|ivoriană"),
    "SN": ("Senegalese", "senegalez|senegaleză"),
    "GN": ("Guinean", "guineean|guineeană"),
    "ML": ("Malian", "malian|maliană"),
    "SL": ("Sierra Leonean", "sierraleonez|sierraleoneză"),
    "LR": ("Liberian", "liberian|liberiană"),
    "GM": ("Gambian|The Gambia", "gambian|gambiană"),
    "MA": ("Moroccan", "marocan|marocană"),
    "DZ": ("Algerian", "algerian|algeriană"),
    "TN": ("Tunisian", "tunisian|tunisiană"),
    "LY": ("Libyan", "libian|libiană"),
    "KE": ("Kenyan", "kenyan|kenyană"),
    "UG": ("Ugandan", "ugandez|ugandeză"),
    "TZ": ("Tanzanian|Tanzania", "tanzanian|tanzaniană|Tanzania"),
    "ZW": ("Zimbabwean", "zimbabwian|zimbabwiană"),
    "ZA": ("South African", "sud-african|sud-africană"),
    "AO": ("Angolan", "angolez|angoleză"),
    "BI": ("Burundian", "burundez|burundeză"),
    "RW": ("Rwandan", "rwandez|rwandeză"),
    "TD": ("Chadian", "ciadian|ciadiană"),
    "US": ("American|USA|U.S.|U.S.A.|United States of America|America",
           "american|americană|SUA|Statele Unite ale Americii"),
    "CA": ("Canadian", "canadian|canadiană"),
    "BR": ("Brazilian", "brazilian|braziliană"),
    "MX": ("Mexican", "mexican|mexicană"),
    "CO": ("Colombian", "columbian|columbiană"),
    "VE": ("Venezuelan|Venezuela", "venezuelean|venezueleană|Venezuela"),
    "PY": ("Paraguayan", "paraguayan|paraguayană"),
    "BO": ("Bolivian|Bolivia", "bolivian|boliviană|Bolivia"),
    "PE": ("Peruvian", "peruan|peruană"),
    "DO": ("Dominican", "dominican|dominicană"),
    "JM": ("Jamaican", "jamaican|jamaicană"),
    "HT": ("Haitian", "haitian|haitiană"),
    "CU": ("Cuban", "cubanez|cubaneză"),
    "AR": ("Argentine|Argentinian", "argentinian|argentiniană"),
    "CL": ("Chilean", "chilian|chiliană"),
    "EC": ("Ecuadorian", "ecuadorian|ecuadoriană"),
    "AU": ("Australian", "australian|australiană"),
    "NZ": ("New Zealander", "neozeelandez|neozeelandeză"),
}

# Kosovo has no ISO 3166-1 code; XK is the user-assigned code the EU, the
# UN and the CLDR (so the webview's Intl.DisplayNames) use for it.
EXTRA_COUNTRIES = {"XK": ("Kosovo", "Kosovo", "Kosovar|Kosovan", "kosovar|kosovară")}

# Code: (Romanian name, other names in any language). Languages named here
# are matched by name even without a 639-1 code.
LANGUAGE_NAMES = {
    "ro": ("română", "Moldovan|moldovenească|limba română"),
    "en": ("engleză", ""),
    "sq": ("albaneză", ""),
    "ar": ("arabă", ""),
    "uk": ("ucraineană", ""),
    "ru": ("rusă", ""),
    "hu": ("maghiară", ""),
    "bg": ("bulgară", ""),
    "pl": ("poloneză", ""),
    "cs": ("cehă", ""),
    "sk": ("slovacă", ""),
    "sl": ("slovenă", ""),
    "sr": ("sârbă", ""),
    "hr": ("croată", ""),
    "bs": ("bosniacă", ""),
    "mk": ("macedoneană", ""),
    "el": ("greacă", ""),
    "tr": ("turcă", ""),
    "it": ("italiană", ""),
    "es": ("spaniolă", ""),
    "pt": ("portugheză", ""),
    "fr": ("franceză", ""),
    "de": ("germană", ""),
    "nl": ("neerlandeză", "olandeză"),
    "lt": ("lituaniană", ""),
    "lv": ("letonă", ""),
    "et": ("estonă", ""),
    "be": ("belarusă", ""),
    "ka": ("georgiană", ""),
    "hy": ("armeană", ""),
    "az": ("azeră", ""),
    "vi": ("vietnameză", ""),
    "zh": ("chineză", ""),
    "hi": ("hindi", ""),
    "ur": ("urdu", ""),
    "bn": ("bengaleză", "Bangla"),
    "pa": ("punjabi", ""),
    "gu": ("gujarati", ""),
    "ta": ("tamilă", ""),
    "si": ("singaleză", ""),
    "ne": ("nepaleză", ""),
    "fa": ("persană", "Farsi|farsi"),
    "ps": ("paștună", "Pashtu"),
    "ku": ("kurdă", ""),
    "ti": ("tigrină", "tigrinya"),
    "am": ("amharică", ""),
    "om": ("oromo", ""),
    "so": ("somaleză", ""),
    "sw": ("swahili", "Kiswahili"),
    "yo": ("yoruba", ""),
    "ig": ("igbo", ""),
    "ha": ("hausa", ""),
    "tl": ("tagalog", "Filipino|filipineză"),
    "th": ("thailandeză", ""),
    "km": ("khmeră", "Cambodian"),
    "my": ("birmană", ""),
    "id": ("indoneziană", ""),
    "ms": ("malaeză", ""),
    "ja": ("japoneză", ""),
    "ko": ("coreeană", ""),
    "uz": ("uzbecă", ""),
    "kk": ("kazahă", ""),
    "tg": ("tadjică", ""),
    "ky": ("kârgâză", ""),
    "tk": ("turkmenă", ""),
    "mn": ("mongolă", ""),
    "he": ("ebraică", ""),
    "sv": ("suedeză", ""),
    "no": ("norvegiană", ""),
    "da": ("daneză", ""),
    "fi": ("finlandeză", ""),
    "ln": ("lingala", ""),
    "wo": ("wolof", ""),
    "tw": ("twi", ""),
    "rom": ("romani", "Romani|Roma|rromani|limba romani|țigănească"),
    "rmy": ("romani vlax", "Vlax Romani"),
    "rmn": ("romani balcanică", "Balkan Romani"),
    "rmc": ("romani carpatică", "Carpathian Romani"),
    "prs": ("dari", "Dari Persian"),
    "ckb": ("kurdă sorani", "Sorani"),
    "kmr": ("kurdă kurmanji", "Kurmanji"),
    "cmn": ("chineză mandarină", "Mandarin"),
    "yue": ("cantoneză", "Cantonese"),
    "pcm": ("pidgin nigerian", "Nigerian Pidgin"),
    "syl": ("sylheti", ""),
    "bfi": ("limba semnelor britanică", "BSL"),
    "rms": ("limba semnelor române", "LSR"),
    "tig": ("tigre", ""),
    "bho": ("bhojpuri", ""),
    "hne": ("chhattisgarhi", ""),
}


def countries():
    data = json.loads((JSON / "iso_3166-1.json").read_text())["3166-1"]
    ro = gettext.translation("iso_3166-1", LOCALE, ["ro"])
    rows = {}
    for e in data:
        code = e["alpha_2"]
        en_extra, ro_extra = COUNTRY_NAMES.get(code, ("", ""))
        others = [e.get("common_name"), e.get("official_name")]
        others += en_extra.split("|") + ro_extra.split("|")
        rows[code] = (e["name"], ro.gettext(e["name"]), others)
    for code, (en, ro_name, en_extra, ro_extra) in EXTRA_COUNTRIES.items():
        rows[code] = (en, ro_name, en_extra.split("|") + ro_extra.split("|"))
    return rows


def languages():
    data = json.loads((JSON / "iso_639-3.json").read_text())["639-3"]
    ro = gettext.translation("iso_639-3", LOCALE, ["ro"])
    rows = {}
    for e in data:
        code = e.get("alpha_2")
        if code is None and e["type"] != "L":
            continue  # extinct, ancient, historical, constructed: no survivor speaks them
        code = code or e["alpha_3"]
        ro_name, extra = LANGUAGE_NAMES.get(code, (ro.gettext(e["name"]), ""))
        matched = "alpha_2" in e or code in LANGUAGE_NAMES
        others = [e["alpha_3"]] if "alpha_2" in e else []
        rows[code] = (e["name"], ro_name, others + extra.split("|"), matched)
    missing = set(LANGUAGE_NAMES) - set(rows)
    assert not missing, f"named languages with no code: {missing}"
    return rows


def clean(names, taken):
    out = []
    for n in names:
        if n and n not in taken and n not in out:
            out.append(n)
    return "|".join(out)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        for code, (en, ro, others) in sorted(countries().items()):
            f.write(f"{code}\t{en}\t{ro}\t{clean(others, (en, ro))}\n")
    with open(OUT / "languages.tsv", "w", encoding="utf-8") as f:
        for code, (en, ro, others, matched) in sorted(languages().items()):
            f.write(f"{code}\t{en}\t{ro}\t{clean(others, (en, ro))}\t{int(matched)}\n")


if __name__ == "__main__":
    main()
