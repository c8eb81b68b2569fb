"""Synthetic news articles for the analysis benchmark: seeded, ~600 words, full of
attributed claims, quotes, hedges and denials, so extraction and pairing have real work.

    python benchmarks/newsgen.py N OUT.jsonl [--seed 0] [--words 600]

Each article follows one of seven stories (an arms sale, accounting fraud, a river
spill, a rigged election, a hospital cover-up, doping, a failing bridge): an accused
party, an accuser, three allegations, a report, an analyst. Sentences come from
templates in several voices: the article's own ("X employs about 4,200 people"),
attributed ("X said on Monday that Y had ..."), ``according to``, quotes, hedges
("could", "may"), and denials in several forms ("denied that", "rejected the accusation
that", "has never ...", "dismissed claims that"). Names, places, numbers and order are
drawn with ``random.Random(seed)``: the same seed gives the same corpus. All names are
invented; no sentence comes from a real article.

>>> docs = generate(2, seed=1)
>>> [d["id"] for d in docs], all(500 <= len(d["text"].split()) <= 800 for d in docs)
(['news-00000', 'news-00001'], True)
"""

from __future__ import annotations

import argparse
import json
import random

FIRST = ["Lidia", "Teodor", "Mira", "Anton", "Sofia", "Karel", "Ines", "Pavel", "Nadia", "Oskar",
         "Helena", "Viktor", "Rosa", "Dmitri", "Elena", "Marek", "Yara", "Tomas", "Greta", "Ilya",
         "Amara", "Jonas", "Leila", "Bruno", "Nora", "Stefan", "Dalia", "Hugo", "Irina", "Felix"]
LAST = ["Varga", "Brask", "Santal", "Okonkwo", "Lindqvist", "Moreau", "Haddad", "Novak", "Ferreira",
        "Kowalski", "Tanaka", "Mendes", "Petrov", "Achebe", "Castell", "Duran", "Ekdahl", "Falk",
        "Grieve", "Ivanic", "Jansen", "Kuric", "Lorne", "Marsh", "Nyberg", "Orsini", "Pike", "Quell"]
COUNTRIES = ["Calvera", "Osk", "Valdria", "Merrow", "Tessaly", "Korvania", "Ardena", "Lusk"]
CITIES = ["Port Leone", "Sable Harbor", "Vessa", "Dunmere", "Calder", "Ostrava Nova", "Redfield",
          "Marlowe", "Kestrel Bay", "Hollin", "Ashgrove", "Brightwater"]
WIRES = ["Meridian Wire", "Northgate Press", "Tidewater News", "Lantern Agency"]
RIVERS = ["Amber", "Sallow", "Kettle", "Morrow", "Linden"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October",
          "November"]
INSTITUTES = ["the Kessel Institute", "Harwick University", "the Centre for Public Integrity",
              "Brandt & Lowe Consulting", "the Open Ledger Foundation"]

# Each story: the accused, the accuser, three allegations as (past, participle, gerund, object),
# the report's author, things that can be counted, and a currency. {n}, {city}, {country},
# {country2}, {river}, {group} are filled per article.
STORIES = [
    dict(accused="{country}'s Ministry of Defence", short="the ministry",
         accuser="the government of {country2}", accuser_role="foreign minister",
         allegations=[("sold", "sold", "selling", "{n} armed drones to the Red Reed Front"),
                      ("shipped", "shipped", "shipping", "weapons through the port of {city}"),
                      ("sent", "sent", "sending", "technicians to train the rebels' drone crews")],
         report="the United Nations Panel of Experts", things="drones", money="crowns"),
    dict(accused="{last} Holdings", short="the company",
         accuser="the {country} Financial Conduct Board", accuser_role="chief investigator",
         allegations=[("inflated", "inflated", "inflating", "its revenue by {n} million crowns"),
                      ("hid", "hidden", "hiding", "losses of {n} million crowns from investors"),
                      ("paid", "paid", "paying", "bribes to tax officials in {city}")],
         report="the auditing firm Pell & Mayer", things="invoices", money="crowns"),
    dict(accused="{last} Chemicals", short="the plant",
         accuser="the {river} Basin Authority", accuser_role="director",
         allegations=[("dumped", "dumped", "dumping", "{n} tonnes of solvent into the {river} river"),
                      ("falsified", "falsified", "falsifying", "its water-quality tests for two years"),
                      ("ignored", "ignored", "ignoring", "warnings about a leaking storage tank")],
         report="the national environment agency", things="water samples", money="marks"),
    dict(accused="the National Renewal party", short="the party",
         accuser="the opposition Civic Alliance", accuser_role="leader",
         allegations=[("bought", "bought", "buying", "votes in the districts around {city}"),
                      ("tampered", "tampered", "tampering", "with {n} ballot boxes in the north"),
                      ("barred", "barred", "barring", "observers from polling stations in {city}")],
         report="the electoral observation mission", things="ballots", money="marks"),
    dict(accused="{city} General Hospital", short="the hospital",
         accuser="the {country} health inspectorate", accuser_role="chief inspector",
         allegations=[("covered", "covered", "covering", "up {n} cases of infection on its wards"),
                      ("turned", "turned", "turning", "away emergency patients to save money"),
                      ("used", "used", "using", "expired vaccines in its clinics")],
         report="an independent review board", things="patient files", money="crowns"),
    dict(accused="the {country} Athletics Federation", short="the federation",
         accuser="the World Anti-Doping Office", accuser_role="director general",
         allegations=[("hid", "hidden", "hiding", "{n} positive doping tests from the agency"),
                      ("paid", "paid", "paying", "athletes through secret accounts in {city}"),
                      ("destroyed", "destroyed", "destroying", "urine samples before an inspection")],
         report="an independent commission", things="samples", money="euros"),
    dict(accused="{last} Construction", short="the builder",
         accuser="the {city} city auditor", accuser_role="auditor general",
         allegations=[("used", "used", "using", "substandard concrete on the {river} bridge"),
                      ("overbilled", "overbilled", "overbilling", "the city by {n} million marks"),
                      ("skipped", "skipped", "skipping", "safety inspections on the new tunnel")],
         report="a structural engineering panel", things="inspection reports", money="marks"),
]


class _Article:
    """One article's cast and the sentence templates that use it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        story = rng.choice(STORIES)
        c1, c2 = rng.sample(COUNTRIES, 2)
        self.fill = dict(country=c1, country2=c2, city=rng.choice(CITIES), river=rng.choice(RIVERS),
                         last=rng.choice(LAST))
        self.accused = self.f(story["accused"])
        self.short = story["short"]
        self.accuser = self.f(story["accuser"])
        self.allegations = [(p, pp, g, self.f(o)) for p, pp, g, o in story["allegations"]]
        self.report, self.things, self.money = story["report"], story["things"], story["money"]
        self.accuser_person = self.person()
        self.accuser_role = story["accuser_role"]
        self.spokesperson = self.person()
        self.analyst = self.person()
        self.official = self.person()
        self.institute = rng.choice(INSTITUTES)
        self.city = self.fill["city"]

    def f(self, template: str) -> str:
        return template.format(n=self.num(), **self.fill)

    def num(self, lo: int = 3, hi: int = 900) -> str:
        return f"{self.rng.randint(lo, hi):,}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def day(self) -> str:
        return self.rng.choice(WEEKDAYS)

    def alleg(self) -> tuple[str, str, str, str]:
        return self.rng.choice(self.allegations)

    # ---- sentences
    def headline(self) -> str:
        _, _, g, o = self.allegations[0]
        return self.rng.choice([f"{cap(self.accused)} denies {g} {o}",
                                f"{cap(self.accuser)} accuses {self.accused} of {g} {o}"])

    def lead(self) -> str:
        _, pp, _, o = self.allegations[0]
        m = self.rng.choice(MONTHS)
        return (f"{self.city.upper()}, {m} {self.rng.randint(1, 28)} ({self.rng.choice(WIRES)}) - "
                f"{cap(self.accused)} on {self.day()} denied that it had {pp} {o}, "
                f"rejecting accusations made by {self.accuser} earlier this week.")

    def sentences(self) -> list[str]:
        """Every other sentence type once, with fresh draws; the caller picks and orders them."""
        r, a = self.rng, self.accused
        p1, pp1, g1, o1 = self.alleg()
        p2, pp2, g2, o2 = self.alleg()
        p3, pp3, g3, o3 = self.alleg()
        ap, sp, an, of = self.accuser_person, self.spokesperson, self.analyst, self.official
        sp_last, ap_last = sp.split()[1], ap.split()[1]
        return [
            f"{cap(self.accuser_role)} {ap} of {self.accuser} said on {self.day()} that {self.short} had "
            f"{pp1} {o1} and had {pp2} {o2}.",
            f"\"They have {pp3} {o3}, and we can prove it,\" {ap_last} said at a news conference "
            f"in {self.city}.",
            f"According to a report by {self.report}, {self.short} {p2} {o2} on at least "
            f"{self.num(2, 40)} occasions since {r.choice(MONTHS)}.",
            f"A report by {self.report}, seen by {r.choice(WIRES)}, says {self.num(5, 300)} "
            f"{self.things} examined by investigators point to {self.short}.",
            f"\"{cap(self.short)} has never {pp1} {o1},\" spokesperson {sp} told reporters in "
            f"{self.city}.",
            f"{sp_last} said the findings of {self.report} were \"baseless\" and politically motivated.",
            f"{cap(a)} rejected the accusation that it had {pp2} {o2}.",
            f"{sp_last} dismissed claims that {self.short} had {pp3} {o3} as \"pure invention\".",
            f"{sp_last} did not deny that {self.short} had been warned, but said no rules had been broken.",
            f"{an}, an analyst at {self.institute}, said the case could cost {self.short} up to "
            f"{self.num(5, 400)} million {self.money} in fines.",
            "Analysts said the dispute may drag on for months and could reach the courts.",
            f"\"If even half of this is true, it is the worst scandal in a decade,\" said {an}.",
            f"{cap(self.short)} employs about {self.num(200, 9000)} people and reported revenue of "
            f"{self.num(20, 900)} million {self.money} last year.",
            f"{cap(self.accuser)} opened its inquiry in {r.choice(MONTHS)} after receiving "
            f"{self.num(10, 400)} complaints.",
            f"A senior official, speaking on condition of anonymity, said {self.short} had "
            f"{pp3} {o3} with the knowledge of its board.",
            f"{of}, a former manager at {self.short}, told {r.choice(WIRES)} that staff had been "
            f"ordered to delete emails in {r.choice(MONTHS)}.",
            f"{cap(self.short)} said in a statement that {of} had been dismissed for misconduct and "
            f"that the account was false.",
            f"Prosecutors in {self.city} said they were examining whether {self.short} had {pp1} {o1}.",
            "The prosecutor's office declined to comment on the timing of any charges.",
            f"{cap(a)} denied that any of its staff had been questioned by the police.",
            f"Shares in companies linked to {self.short} fell {self.rng.randint(2, 19)} percent on "
            f"{self.day()}.",
            f"The dispute comes {self.rng.randint(2, 11)} weeks before a parliamentary vote on new "
            f"oversight rules.",
            f"{ap_last} said {self.num(3, 60)} witnesses had confirmed the account and that more "
            f"evidence would be published.",
            f"According to {ap_last}, {self.short} {p1} {o1} while the inquiry was under way.",
            f"\"We will not be intimidated,\" {sp_last} said, adding that {self.short} would sue.",
            f"Local residents in {self.city} said they had long suspected {self.short} of {g2} {o2}.",
            f"Lawmakers from {self.fill['country2']} called for an international investigation.",
            f"The {self.fill['country']} government has not commented on the accusations.",
            f"{cap(self.short)} insisted that it had always complied with the law and had nothing "
            f"to hide.",
            "It was not possible to verify the figures independently.",
            f"{cap(self.accuser)} said it had passed its evidence to prosecutors on {self.day()}.",
            f"{sp_last} told a news conference that {self.short} \"categorically\" rejected every "
            f"accusation.",
            f"An earlier review by {self.institute} found no evidence that {self.short} had {pp3} {o3}.",
            f"Critics said {self.short} may have {pp2} {o2} for years without being noticed.",
            f"{ap_last} said {self.short} was likely to face sanctions within weeks.",
            f"In a letter seen by {r.choice(WIRES)}, {ap_last} warned that {self.short} had ignored "
            f"{self.num(2, 30)} requests for documents.",
            f"{cap(self.short)} said the letter contained \"serious factual errors\".",
            f"{of} denied taking money from {self.short} and said {ap_last} had misquoted the "
            f"interview.",
            f"{cap(self.accuser)} has asked {self.short} to hand over {self.num(20, 700)} {self.things} "
            f"by the end of {r.choice(MONTHS)}.",
            f"The case has drawn comparisons with a scandal in {self.fill['country2']} "
            f"{self.rng.randint(3, 15)} years ago, when a similar inquiry collapsed.",
        ]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article(rng: random.Random, *, words: int = 600) -> str:
    """One article of about ``words`` words: headline, dateline lead, then paragraphs."""
    a = _Article(rng)
    body = [a.lead()]
    n = len(body[0].split())
    pool: list[str] = []
    while n < words:
        if not pool:
            pool = a.sentences()
            rng.shuffle(pool)
        para = [pool.pop() for _ in range(min(len(pool), rng.randint(1, 3)))]
        body.append(" ".join(para))
        n += sum(len(s.split()) for s in para)
    return a.headline() + "\n" + "\n".join(body) + "\n"


def generate(n: int, *, seed: int = 0, words: int = 600) -> list[dict]:
    """``n`` articles as ``{"id", "text"}`` records (a claimbench ``.jsonl`` corpus)."""
    rng = random.Random(seed)
    return [{"id": f"news-{i:05d}", "text": article(rng, words=words)} for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", metavar="OUT.jsonl")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc in generate(args.n, seed=args.seed, words=args.words):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
