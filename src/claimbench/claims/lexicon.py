"""Every word list of the claims stage (lemmas or lower-case forms): the attribution,
denial, coreference, rewrite and claim rules read them from here.

Kept in one place so a rule and its exceptions are edited together, and so a list is
written once (the rule modules import them by name). They are general English news
vocabulary, not words of any one article. Sections below the shared lists follow the
module that uses them most.
"""

from __future__ import annotations

# Verbs whose object is a rejected proposition: "denied that ...", "rejected claims that ...".
DENY_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "dispute", "repudiate", "disavow",
              "contest", "rubbish", "debunk"}
# Of these, the ones that need a claim-like object ("rejected the offer" is no denial).
DENY_NEEDS_CLAIM = {"reject", "dismiss", "dispute", "contest", "repudiate", "disavow"}
# Nouns naming a proposition someone put forward.
CLAIM_NOUNS = {"claim", "allegation", "accusation", "report", "suggestion", "charge", "assertion",
               "rumor", "rumour", "notion", "idea", "characterization", "characterisation",
               "finding", "account", "story", "speculation", "contention", "assessment",
               "conclusion", "version", "figure", "insinuation", "theory", "narrative",
               "statement", "display", "evidence", "article", "reporting", "testimony",
               "analysis", "estimate", "premise", "interpretation", "description", "view",
               "count", "tally", "toll", "number", "data", "figures", "accusations", "charges"}
# Verb forms of claim nouns, to find the statement a bare "the accusation" refers to.
CLAIM_NOUN_VERBS = {"claim": {"claim"}, "allegation": {"allege"}, "accusation": {"accuse"},
                    "report": {"report", "say"}, "suggestion": {"suggest"}, "charge": {"charge"},
                    "assertion": {"assert"}, "finding": {"find", "say"}, "display": {"display"},
                    "statement": {"say", "state"}, "account": {"say"}, "story": {"report"},
                    "testimony": {"testify"}, "estimate": {"estimate"}, "analysis": {"say"}}
# "denied any involvement in X" -> "<denier> was involved in X"
INVOLVEMENT = {"involvement": "was involved", "wrongdoing": "committed wrongdoing",
               "role": "had a role", "responsibility": "was responsible",
               "knowledge": "knew", "participation": "participated", "complicity": "was complicit",
               "link": "has links", "tie": "has ties", "connection": "has connections",
               "guilt": "is guilty", "liability": "is liable", "culpability": "is culpable",
               "presence": "was present", "use": "used", "sale": "sold", "existence": "exists"}
# Words that call a proposition false.
FALSITY = {"baseless", "false", "untrue", "groundless", "unfounded", "fabricated", "nonsense",
           "absurd", "ridiculous", "fake", "incorrect", "inaccurate", "wrong", "misleading", "lie",
           "fiction", "fabrication", "slander", "smear", "propaganda", "erroneous", "bogus",
           "unsubstantiated", "fantasy", "invention", "hoax", "libel", "falsehood",
           "distortion", "show", "theatre", "theater", "stunt", "provocation", "disinformation",
           "misinformation", "rubbish", "garbage", "nonsensical", "preposterous", "spurious",
           "unfair", "unjustified", "untruth", "myth"}
# Verbs that attach a falsity word to an object: "called the report baseless".
CALL_VERBS = {"call", "describe", "label", "brand", "term", "characterize", "characterise",
              "dismiss", "denounce", "condemn", "decry", "portray"}
# Predicates whose negation in someone's statement denies an accusation.
ACCUSATION_VERBS = {
    "sell", "ship", "supply", "send", "deliver", "transfer", "provide", "export", "import",
    "smuggle", "buy", "purchase", "acquire", "trade", "give", "pay", "bribe", "fund", "finance",
    "attack", "bomb", "shell", "strike", "kill", "target", "invade", "hack", "leak", "spy",
    "steal", "rig", "cheat", "dope", "manipulate", "falsify", "fabricate", "hide", "conceal",
    "cover", "violate", "breach", "interfere", "meddle", "collude", "conspire", "order",
    "authorize", "authorise", "approve", "receive", "take", "accept", "use", "launch", "deploy",
    "develop", "build", "possess", "harass", "abuse", "mislead", "lie", "evade", "launder",
    "embezzle", "misuse", "discriminate", "coerce", "censor", "poison", "torture", "conduct",
    "involve", "engage", "participate", "commit", "cause", "contaminate", "pollute", "dump",
    "exceed", "underreport", "overcharge", "load", "carry", "operate", "train", "arm", "help",
    "assist", "support", "back", "break", "tamper", "alter", "destroy", "delete", "forge",
    "inflate", "misreport", "withhold", "suppress", "sabotage", "collect", "sign", "agree",
    "plan", "plot", "test", "produce", "manufacture", "make", "enter", "cross", "fire", "shoot",
    "arrest", "detain", "block", "fix", "ban", "threaten", "pressure", "infect", "contain",
    "harm", "injure", "damage", "flout", "circumvent", "dodge", "exploit", "profit",
    "benefit", "come", "originate", "leave", "meet", "negotiate", "hold", "transport", "move",
    "tell", "instruct", "handle", "stuff", "close", "cut", "lose", "win", "stage", "hire",
    "reach", "spill", "escape", "seep", "release", "discharge", "emit"}
# Cognition/perception verbs: "he had not seen the data" denies nothing.
NOT_DENIAL_VERBS = {"see", "hear", "know", "think", "decide", "say", "comment", "respond", "reply",
                    "address", "refer", "mention", "confirm", "finish", "complete", "receive_request",
                    "return", "give_details", "specify", "disclose", "reveal", "elaborate",
                    "identify", "name", "expect", "plan_to", "want", "believe", "recall",
                    "remember", "find", "read", "notice", "review", "learn", "understand"}
HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "possibly", "probably", "likely",
               "purportedly", "supposedly", "ostensibly", "perhaps", "presumably", "seemingly"}
HEDGE_MODALS = {"may", "might", "could"}
HEDGE_VERBS = {"appear", "seem"}
# "is believed to", "is expected to", "is thought to", "is suspected of"
HEDGE_PASSIVES = {"believe", "expect", "think", "suspect", "understand", "rumor", "rumour",
                  "say", "report", "estimate", "allege", "feared", "fear", "predict"}
# Sentences with no checkable proposition.
TRANSITIONS = ("here is what we know", "here's what we know", "read more", "read the rest",
               "click here", "watch:", "related:", "subscribe", "sign up", "follow us")


# --------------------------------------------------------------------------- pronouns
# Subject pronouns: a denial whose subject is one of these names its denier elsewhere.
SUBJECT_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})
# Pronouns a company, a government or a group speaks through.
GROUP_PRONOUNS = frozenset({"it", "they", "we"})

# --------------------------------------------------------------------------- attribution rules
REPORTING_VERBS = {
    "say", "tell", "report", "claim", "warn", "announce", "deny", "add", "state", "insist",
    "accuse", "allege", "confirm", "note", "explain", "argue", "write", "acknowledge", "admit",
    "assert", "maintain", "suggest", "reveal", "disclose", "declare", "stress", "emphasize",
    "emphasise", "reply", "respond", "recall", "contend", "charge", "complain", "concede",
    "testify", "tweet", "predict", "estimate", "indicate", "conclude", "observe", "remark",
    "mention", "reiterate", "repeat", "caution", "signal", "assure", "counter", "retort",
    "agree", "believe", "think", "expect", "fear", "hope", "suspect", "find", "show",
    "promise", "pledge", "vow", "threaten", "urge", "told", "quote", "cite", "continue",
    "brief", "inform", "point", "forecast", "project", "calculate", "boast", "concur",
    "answer", "dispute", "reject", "dismiss", "describe", "call", "blame",
}
# Verbs that only count with a clausal complement (otherwise too often not speech).
NEEDS_CLAUSE = {"find", "show", "believe", "think", "expect", "fear", "hope", "suspect",
                "agree", "indicate", "suggest", "continue", "point", "project", "calculate",
                "estimate", "predict", "promise", "pledge", "vow", "threaten", "urge",
                "reject", "dismiss", "dispute", "describe", "call", "blame", "signal", "quote",
                "cite", "answer", "counter", "observe", "brief", "inform", "forecast"}
REFUSALS = {"decline", "refuse", "fail", "hesitate", "forget", "neglect"}
AUDIENCE = {"reporter", "journalist", "lawmaker", "audience", "crowd", "supporter", "parliament",
            "viewer", "listener", "student", "delegate", "investor", "analyst", "court", "jury",
            "committee", "council", "senator", "member", "official", "agency", "newspaper",
            "radio", "television", "broadcaster", "interviewer", "me", "us", "him", "her", "them"}
DESCRIBING_PREPS = {"in", "at", "for", "from", "with", "of", "on", "close", "familiar"}
FUNCTION_WORDS = {"and", "or", "of", "for", "at", "in", "on", "from", "with", "by", "to", "the", "a",
                  "an", "nor", "but"}     # "North Korea and Russia" is not a descriptor + name
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "ter"}

# --------------------------------------------------------------------------- denial rules
NOT_PROPOSITIONS = {"request", "entry", "bail", "access", "permission", "visa", "application",
                    "appeal", "motion", "bid", "offer", "proposal", "plan", "deal", "call",
                    "demand", "invitation", "resignation", "nomination", "candidate", "petition",
                    "loan", "license", "licence", "service", "chance", "opportunity", "right",
                    "benefit", "claimant", "protection", "asylum", "funding", "aid"}
MODAL_OR_FUTURE = {"will", "would", "can", "could", "may", "might", "shall", "should", "must", "wo",
                   "ca"}
# verbs whose subject also does what a following "but denied ..." does
FRAME_VERBS = {"say", "acknowledge", "admit", "confirm", "concede", "tell", "insist", "add", "agree",
               "accept", "note", "state", "argue", "maintain"}
# nouns that take no article after "there is": "there is no ballot stuffing"
MASS_NOUNS = {"stuffing", "evidence", "truth", "fraud", "wrongdoing", "interference", "up", "build",
               "information", "damage", "contamination", "pollution", "corruption", "proof"}

# --------------------------------------------------------------------------- claim rules
PRONOUN_SUBJECTS = {"he", "she", "they", "it", "we", "his", "her", "their", "its", "our", "him",
                    "them"}

# --------------------------------------------------- coreference: pronouns, heads of group, document, person mentions
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | FIRST_PERSON
# Words that make an unnamed noun a possible antecedent for "it"/"they"/"the X".
GROUP_HEADS = {"report", "study", "statement", "survey", "review", "investigation", "audit", "ministry",
               "government", "company", "firm", "group", "agency", "department",
               "administration", "office", "authority", "authorities", "council", "committee",
               "commission", "board", "panel", "court", "party", "union", "club", "team",
               "federation", "league", "association", "organization", "organisation", "bank",
               "regulator", "campaign", "embassy", "military", "army", "police", "parliament",
               "broadcaster", "media", "newspaper", "institute", "university",
               "hospital", "port", "airline", "manufacturer", "maker", "producer", "delegation",
               "coalition", "alliance", "rebels", "analysts", "officials", "experts", "sources",
               "investigators", "prosecutors", "researchers", "scientists", "doctors", "lawyers",
               "ministers", "diplomats", "residents", "witnesses", "critics", "activists",
               "minister", "spokesman", "spokeswoman", "spokesperson", "president", "official",
               "analyst", "expert", "researcher", "chief", "director", "executive", "secretary",
               "ambassador", "envoy", "leader", "chairman", "chairwoman", "chair", "coach",
               "manager", "lawyer", "attorney", "prosecutor", "judge", "governor", "mayor",
               "senator", "lawmaker", "general", "commander", "owner", "founder", "ceo",
               "player", "athlete", "doctor", "scientist", "professor", "economist", "source"}
# "the company", "the league": the most salient named organisation
ORG_GENERIC = {"company", "firm", "league", "group", "club", "team", "party", "union", "agency",
               "organization", "organisation", "network", "association", "federation", "body",
               "institute", "regulator", "maker", "manufacturer", "carrier", "airline", "bank",
               "lender", "broadcaster", "newspaper", "channel", "operator", "registry", "insurer",
               "retailer", "supplier", "producer", "exchange", "commission", "charity"}
DOC_NOUNS = {"report", "study", "statement", "survey", "analysis", "document", "letter", "review",
             "investigation", "audit", "assessment", "paper", "memo"}
PERSON_HEADS = {"minister", "spokesman", "spokeswoman", "spokesperson", "president", "official",
                "analyst", "expert", "researcher", "chief", "director", "executive", "secretary",
                "ambassador", "envoy", "leader", "chairman", "chairwoman", "chair", "coach",
                "manager", "lawyer", "attorney", "prosecutor", "judge", "governor", "mayor",
                "senator", "lawmaker", "general", "commander", "owner", "founder", "ceo",
                "player", "athlete", "doctor", "scientist", "professor", "economist", "source",
                "person", "man", "woman", "captain", "striker", "premier", "chancellor"}

# --------------------------------------------------------------------------- rewriting denied propositions
NEGATIONS = {"not", "n't", "never", "no longer"}
TIME_NOUNS = {"year", "month", "week", "day", "decade", "hour", "century", "season", "while"}

# --- real-news attribution
# Cue lemmas by kind of attribution (``Attribution.cue_kind``); a cue in none of them is
# "other" (an action or stance such as "endorsed", which claimbench does not extract).
# Directives ("asked the crowd to", "urged") and naming ("called him a ...") are speech
# acts and count as speech; noun cues count with the verb they name ("claim", "allegation").
SPEECH_CUES = frozenset({
    "say", "tell", "report", "claim", "announce", "state", "add", "write", "tweet", "post", "ask",
    "answer", "reply", "respond", "explain", "note", "argue", "insist", "warn", "deny", "confirm",
    "acknowledge", "admit", "assert", "declare", "stress", "emphasize", "emphasise", "reveal",
    "disclose", "testify", "quote", "cite", "according", "accord", "statement", "comment", "remark",
    "mention", "repeat", "reiterate", "accuse", "allege", "charge", "complain", "concede", "boast",
    "joke", "recall", "suggest", "speak", "talk", "shout", "chant", "urge", "demand", "order",
    "request", "call", "instruct", "implore", "beg", "invite", "encourage", "advise", "recommend",
    "allegation", "accusation", "assertion", "remarks", "testimony", "announcement", "admission",
    "denial", "warning", "message", "speech", "interview", "address", "retort", "counter", "contend",
    "maintain", "describe", "dub", "label", "brand", "term", "name", "characterize", "characterise",
    "inform", "brief", "assure", "reassure", "signal", "indicate", "show", "predict", "forecast",
    "estimate", "put", "calculate", "project", "suggestion", "story", "account", "reporting", "word",
    "question", "caution", "pledge", "vow", "promise", "threaten", "concur", "dispute", "reject",
    "dismiss", "blame", "point", "observe", "conclude", "continue", "rule", "sign", "memo", "letter",
    "document", "text", "email", "publish", "broadcast", "air", "rumor", "rumour", "refer", "discuss",
    "express", "imply", "thank", "remind", "yell", "bark", "exclaim", "tout", "highlight", "echo",
    "shrug", "downplay", "bemoan", "cheer", "boo", "portray", "assail", "herald", "confess", "plead",
    "acknowledgement", "acknowledgment", "reflect", "interrupt", "recapitulate", "list", "read",
    "congratulate", "scream", "whisper", "muse", "quip", "insinuate", "hint", "stipulate", "specify",
    "elaborate", "clarify", "retweet", "lecture", "preach", "pronounce", "proclaim", "recount",
    "detail", "outline", "summarize", "summarise", "brag", "chime", "interject", "wonder", "ponder",
    "gush", "rant", "rail", "vent", "grant", "swear", "guarantee", "foresee", "foretell", "prophesy",
    "contradict", "correct", "walk", "agree", "disagree"
})
BELIEF_CUES = frozenset({
    "believe", "think", "feel", "know", "consider", "suspect", "doubt", "assume", "seem", "appear",
    "expect", "understand", "realize", "realise", "recognize", "recognise", "see", "view", "fear",
    "worry", "suppose", "guess", "imagine", "find", "learn", "convince", "sure", "certain", "aware",
    "belief", "opinion", "impression", "sense", "conviction", "confident", "wonder", "perceive",
    "regard", "judge", "deem", "figure", "reckon", "trust", "presume", "anticipate", "concern",
    "afraid", "optimistic", "skeptical", "sceptical", "convinced", "likely", "unlikely", "bet",
    "notice", "discover", "determine", "assessment", "expectation", "suspicion", "assumption",
    "knowledge", "thought", "idea", "perception", "hunch", "theory", "consensus", "position"
})
INTENTION_CUES = frozenset({
    "want", "plan", "intend", "hope", "wish", "aim", "seek", "try", "propose", "decide", "prepare",
    "mean", "goal", "desire", "commit", "push", "strive", "attempt", "like", "proposal", "intention",
    "intent", "aspiration", "ambition", "effort", "bid", "offer", "determined", "eager", "ready",
    "willing", "refuse", "vote", "move", "look", "expectation", "need", "dream", "resolve", "insist",
    "choose", "opt", "agree"
})
EVALUATION_CUES = frozenset({
    "criticize", "criticise", "criticism", "praise", "condemn", "applaud", "welcome", "denounce",
    "slam", "attack", "question", "challenge", "defend", "commend", "approve", "disapprove", "liken",
    "compare", "hail", "celebrate", "lament", "regret", "decry", "deplore", "mock", "ridicule", "laud",
    "credit", "fault", "scold", "rebuke", "chide", "blast", "lambaste", "oppose", "support", "like",
    "love", "hate", "dislike", "admire", "favor", "favour", "endorse", "back", "prefer", "champion",
    "advocate", "embrace", "reject", "disparage", "insult", "blame", "thank", "supporter", "opponent",
    "critic", "fan", "preference", "backing", "advocacy", "assail", "berate", "belittle", "dismiss",
    "disdain", "scorn", "trash", "bash", "smear", "ignore", "target", "favorite", "favourite", "faith",
    "enthusiasm", "objection", "object", "protest", "complaint", "condemnation", "outrage", "anger",
    "frustration", "disappointment", "concern", "dismay", "opposition", "approval", "endorsement",
    "critique", "skepticism", "scepticism", "pride", "proud", "happy", "glad", "pleased", "upset",
    "angry", "disappointed", "frustrated", "concerned", "troubled", "alarm", "alarmed", "dismayed",
    "excited", "thrilled", "satisfied", "unhappy"
})

# Cues tried by the wide attribution rule (any kind but "other").
WIDE_CUES = SPEECH_CUES | BELIEF_CUES | INTENTION_CUES | EVALUATION_CUES
# Too general to be a cue on their own (they stay in the lists to classify gold cues).
WIDE_SKIP = frozenset({
    "put", "move", "look", "need", "like", "mean", "rule", "sign", "air", "post", "address", "word",
    "message", "document", "story", "account", "text", "email", 
    "figure", "sense", "position", "effort", "bid", "offer", "vote", "ready", "interview",
    "speech", "letter", "memo", "publish", "broadcast", "concern", "order", "determine",
    "judge", "discover", "notice", "idea", "thought", "knowledge",
    "theory", "reporting", "report", "choose", "opt", "commit", "push", "name", "term",
    "credit", "prepare", 
    "state", "likely", "unlikely", "celebrate", "comment"
})
# "Update: ...", "Photo: ...": a label before a colon that is no speaker.
COLON_NOT_SPEAKERS = frozenset({
    "update", "note", "related", "photo", "photos", "video", "watch", "breaking", "exclusive", "editor",
    "correction", "source", "sources", "caption", "image", "credit", "read", "more", "listen", "live",
    "analysis", "opinion", "comment", "q", "a", "question", "answer", "example", "warning", "file",
    "getty", "reuters", "ap", "afp", "dpa", "graphic", "map", "chart", "table", "figure", "subject",
    "re", "date", "time", "location", "where", "when", "what", "why", "how", "who", "tags", "topics",
    "share", "advertisement", "sponsored"
})
# Nouns and adjectives the wide rule takes as cues ("the claim that", "criticism of", "confident that").
NOUN_CUES = frozenset({
    "claim", "allegation", "accusation", "assertion", "suggestion", "criticism", "proposal", "belief",
    "view", "opinion", "fear", "hope", "expectation", "warning", "promise", "pledge", "demand", "call",
    "denial", "admission", "support", "opposition", "praise", "condemnation", "doubt", "suspicion",
    "assumption", "intention", "intent", "desire", "insistence", "argument", "contention", "prediction",
    "complaint", "objection", "endorsement", "request", "plea", "vow", "threat", "charge", "critique",
    "announcement", "recommendation", "conviction", "confidence", "impression", "assessment",
    "acknowledgement", "acknowledgment", "preference", "attack", "assurance", "insinuation", "theory",
    "statement", "remark", "comment", "testimony"
})
ADJ_CUES = frozenset({
    "confident", "sure", "certain", "aware", "optimistic", "skeptical", "sceptical", "convinced",
    "concerned", "afraid", "worried", "happy", "proud", "eager", "determined", "hopeful", "adamant",
    "critical", "supportive", "fearful", "doubtful", "unsure", "glad", "pleased", "upset", "angry",
    "disappointed", "frustrated", "keen", "intent", "insistent"
})

# Lines that are no claims of the article: bylines, credits, captions, links, update notes.
BOILERPLATE_STARTS = ("related", "photos", "photo", "video", "watch", "update", "updated", "click", "follow",
                      "via ", "read more", "read the", "you can read", "h/t", "image", "photo credit",
                      "with report", "with reporting", "additional reporting", "reporting by", "editing by",
                      "writing by", "tag:", "cen ", "see also", "more:", "source:", "credit:", "caption",
                      "file photo", "pictured", "above:", "below:", "top:", "main:", "inset:", "listen",
                      "sign up", "subscribe", "share this", "also read", "recommended", "advertisement",
                      "this story has been", "this post has been", "this article has been", "this report",
                      "here's", "here’s", "here is", "thanks for", "thank you for")
BOILERPLATE_PHRASES = ("contributed to this report", "contributed reporting", "for the latest",
                       "pic.twitter.com", "http://", "https://", "www.", "t.co/", "(@", "getty images",
                       "/ reuters", "/ afp", "/ ap", "(afp", "(dpa", "(reuters", "(ap)", "all rights reserved",
                       "copyright", "photo:", "image:", "screengrab", "screenshot", "via twitter",
                       "click here", "read more", "watch the", "watch video")
# Function words of the other languages most often quoted or captioned in English news.
FOREIGN_WORDS = frozenset({
    "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "ein", "eine", "auf", "sich",
    "auch", "wird", "wurde", "sind", "bei", "nach", "zu", "im", "fur", "für", "les", "et", "est", "des", "une",
    "pas", "dans", "pour", "qui", "sur", "avec", "el", "los", "las", "que", "por", "con", "del", "una",
    "para", "es", "och", "att", "het", "een", "van", "niet", "il", "della", "che", "di", "sono", "non",
})

# Verbs whose infinitive complement shares their subject ("seemed to think", "wants to say").
CONTROL_VERBS = frozenset({"seem", "appear", "want", "plan", "try", "continue", "begin", "start", "hope",
                           "intend", "decide", "like", "need", "wish", "seek", "attempt", "vow", "promise"})

# Speech verbs that count with an object or "about/on/to/out" ("talked about X", "thanked X",
# "pointed to X"): others of their uses are no speech.
OBJECT_SPEECH = frozenset({"talk", "speak", "thank", "note", "point", "show", "read", "list", "continue", "add",
                           "detail", "comment", "mention", "discuss", "address", "ask", "answer", "question"})

# --- real-news denials
# Headline verbs that deny what their object says ("Agency rebuffs claim ...", "shoots down
# report ..."); the ones in HEADLINE_DENY_NEEDS_CLAIM only with a claim-like object
# ("slams the mayor" is criticism, "slams report that ..." a denial).
HEADLINE_DENY_VERBS = {"deny", "rebuff", "refute", "debunk", "dismiss", "reject", "retract", "dispute",
                       "contradict", "squash", "quash", "scotch", "rubbish", "slam", "blast", "counter",
                       "rebut", "disavow", "repudiate", "kill", "deflate"}
HEADLINE_DENY_NEEDS_CLAIM = {"dismiss", "reject", "dispute", "contradict", "slam", "blast", "counter",
                             "kill", "deflate", "squash", "quash", "scotch"}
# verb + particle: "shoots down", "brushes off", "puts ... to rest", "makes fun of"
HEADLINE_DENY_PHRASES = {("shoot", "down"), ("brush", "off"), ("laugh", "off"), ("shrug", "off"),
                         ("put", "rest"), ("make", "fun"), ("pour", "water"), ("knock", "down"),
                         ("swat", "down")}
# verbs and phrases of doubt, a weaker denial
DOUBT_VERBS = {"doubt", "question"}
DOUBT_NOUNS = {"doubt", "doubts", "skepticism", "scepticism", "questions"}
DOUBT_ADJ = {"skeptical", "sceptical", "doubtful", "dubious", "questionable", "exaggerated", "overblown",
             "overstated", "unlikely"}
HEDGES = {"likely", "probably", "apparently", "possibly", "may", "might", "perhaps", "seemingly"}
# words that call a story false in a headline ("... is a hoax", "Fake ...", "not true")
HEADLINE_FALSITY = {"fake", "faked", "hoax", "hoaxer", "false", "untrue", "bogus", "fabricated",
                    "fabrication", "fabricating", "rubbish", "bullshit", "nonsense", "myth", "baseless",
                    "unfounded", "groundless", "lie", "lies", "phony", "phoney", "doctored",
                    "photoshopped", "inaccurate", "incorrect", "wrongly", "crazy", "ridiculous", "absurd",
                    "fiction", "fictional", "debunked", "sham", "fraud", "fraudulent", "misleading",
                    "made-up", "unsubstantiated", "falsely", "wrong"}
# "X isn't real", "not true", "not a thing": a negated word that calls a story false
NOT_TRUE = {"true", "real", "thing", "accurate", "correct", "genuine", "authentic", "legit"}
# before a colon, words that make a label rather than a speaker ("HOAX:", "Fact check:")
HEADLINE_LABEL_WORDS = {"hoax", "fake", "rumor", "rumour", "rumors", "rumours", "update", "updated",
                        "exclusive", "debunk", "debunked", "fact", "check", "myth", "alert", "pants",
                        "breaking", "watch", "video", "photos", "op-ed", "opinion", "analysis", "report",
                        "sorry", "whoa", "duped", "confirmed", "satire", "crisis", "dead", "google",
                        "translate", "again", "op", "ed"}
# speaking verbs of a headline's inverted or plain attribution ("..., officials say")
HEADLINE_SAY_VERBS = {"say", "says", "said", "insist", "insists", "suggest", "suggests", "tell", "tells",
                      "claim", "claims", "confirm", "confirms", "admit", "admits", "warn", "warns",
                      "emphasize", "emphasizes", "stress", "stresses", "maintain", "maintains"}
# negations that deny nothing: refusals and modals of advice or ability
NOT_DENIAL_MODALS = {"should", "must", "can", "could", "may", "might", "shall", "ought"}
# In article bodies: falsity words that call a story false in anyone's voice, the article's
# included ("the clip appears to be a hoax"); of these, the ones that say a thing (not only a
# claim) is not real ("the photo is fake" -> "the photo is real" is denied).
VOICE_FALSITY = {"hoax", "false", "fake", "untrue", "bogus", "fabricated", "fabrication", "baseless",
                 "unfounded", "groundless", "myth", "phony", "phoney", "doctored", "photoshopped",
                 "fiction", "made-up", "satire", "prank"}
VOICE_NOT_REAL = {"hoax", "fake", "fabricated", "fabrication", "phony", "phoney", "doctored", "photoshopped",
                  "alarm", "myth", "fiction", "made-up", "satire", "prank"}
# verbs a falsity predicate is raised under ("appears to be a hoax", "shows it to be fake")
RAISING_VERBS = {"appear", "seem", "turn", "prove", "show", "reveal", "look"}
# things an article body calls a hoax by a pronoun ("comparison shows it to be a hoax")
SHARED_THINGS = {"video", "photo", "photograph", "image", "picture", "clip", "footage", "story", "tweet",
                 "post", "letter", "document", "recording", "audio", "screenshot", "website", "account",
                 "article", "report", "map", "sign", "note", "message"}
# verbs a "never" in someone's statement does not deny with ("never realized", "never expected")
NEVER_NOT_DENIAL = {"realize", "realise", "expect", "imagine", "dream", "think", "guess", "forget",
                    "believe", "know", "anticipate", "change", "stop", "give", "lose", "miss", "want"}
# a negated clause with "as <someone> reported" corrects that report ("X did not, as some sites
# report, ..."; "is a man - not a woman as previously reported")
AS_REPORTED_VERBS = {"report", "claim", "allege", "suggest", "rumor", "rumour", "speculate", "state"}
# verbs by which a speaker takes back an own earlier claim ("recanted that story")
RETRACT_VERBS = {"recant", "retract"}
# "there is no truth to these claims", "no basis for the report": denials of the claims
NO_TRUTH_NOUNS = {"truth", "basis", "substance", "foundation", "merit"}
