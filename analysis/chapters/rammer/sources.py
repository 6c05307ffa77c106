"""The chapter's sources as the reader sees them in "Kilde: ..." lines and reconciliation rows:
document, section, table (never a file path or a parameter name)."""
from __future__ import annotations

SRC_INTRO = "Norddjurs Kommune, introduktion til Arbejdsmarkedsudvalget (2022)"
SRC_NBR = "Norddjurs Beskæftigelsesråd, dagsorden 29.08.2024"

SPLIT_SOURCES = {"udvalg": f"{SRC_INTRO}, diagrammet »Budget 2022«",
                 "indtaegter": f"{SRC_INTRO}, figur 1",
                 "udgifter": f"{SRC_INTRO}, figur 2"}
SRC_ECONOMY = f"{SRC_INTRO}, diagrammet »Budget 2022« samt figur 1 og 2"
SRC_BENCHMARK = (f"{SRC_INTRO}, tabellen »Placering på beskæftigelsesministerens benchmark "
                 "2. halvår 2020 – 1. halvår 2021«")
SRC_FRAMEWORK = f"{SRC_INTRO}, afsnittet »Norddjurs Kommunes rammevilkår«"
SRC_CONTACT = (f"{SRC_INTRO}, tabellen »Antal borgere som er i kontakt med jobcentret« "
               "(Statistikbanken UDDAKT20, Fasit og Jobindsats pr. 17. december 2021)")
SRC_KEY_FIGURES = f"{SRC_NBR}, punkt 2 (Nøgletal på Arbejdsmarkedsudvalgets område)"
SRC_AKASSER = f"{SRC_NBR}, punkt 5 (Orientering om samarbejde med a-kasser om kontaktforløbet)"
SRC_CYCLE = f"{SRC_INTRO}, »Årshjul arbejdsmarkedsudvalget 2022«"
SRC_COMMITTEE = (f"{SRC_INTRO}, afsnittene om udvalgets opgaver, »Regelbundet – men plads til politik« "
                 "og »Praktiske oplysninger«")

# The titles of the three distributions of the budget (figure panels and check items).
SPLIT_TITLES = {"udvalg": "Andel af kommunens budget 2022",
                "indtaegter": "Indtægter på beskæftigelsesområdet 2022",
                "udgifter": "Udgifter på beskæftigelsesområdet 2022"}
