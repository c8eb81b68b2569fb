"""Word lists the attribution, denial and claim rules share (lemmas, lower case).

Kept in one place so a rule and its exceptions are edited together. They are
general English news vocabulary, not words of any one article.
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
