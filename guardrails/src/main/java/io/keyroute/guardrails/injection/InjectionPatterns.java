package io.keyroute.guardrails.injection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Known attack phrasings, matched on {@link NormalizedText} (lower case, disguises undone). Each
 * has trigger words, one of which must occur for the pattern to be tried at all (a plain
 * {@code indexOf}), so ordinary prompts cost a handful of searches. Every quantifier is bounded and
 * no group repeats another, so a match attempt reads a bounded stretch of text.
 */
final class InjectionPatterns {
    record Phrasing(String entityType, double score, List<String> triggers, Pattern pattern) {
    }

    static final String INSTRUCTION_OVERRIDE = "instruction_override";
    static final String PROMPT_EXTRACTION = "prompt_extraction";
    static final String JAILBREAK = "jailbreak";
    static final String ROLE_MARKER = "role_marker";
    static final String HIDDEN_INSTRUCTION = "hidden_instruction";

    /** The longest stretch of folded text any phrasing spans. */
    static final int MAX_MATCH = 200;

    private static final String GAP = "[^.!?\\n]{0,40}?";
    private static final String VERB = "\\b(?:ignore|ignoring|disregard|disregarding|forget|override|bypass|skip|abandon|neglect)\\b";
    private static final String FILLER = "(?:\\s+(?:all|any|every|of|the|my|these|those|everything|what|that|you|were|was|have|been|told|said|about|given|before|now|just|simply|completely|entirely|please)){0,6}";
    private static final String PREVIOUS = "(?:previous|prior|preceding|above|earlier|foregoing|original|initial|system|developer|your|all|any)";
    private static final String RULES = "(?:instructions?|prompts?|directions|directives?|guidelines|guidance|programming|rules|restrictions|constraints|policies|context)";
    /** What "the above" may be that is no instruction: "ignore the above warning". */
    private static final String BENIGN_OBJECT = "(?:error|warning|message|comment|section|example|step|line|paragraph|answer|response|version|result|output|code|question|email|note|point|typo|part|sentence|request|draft|mistake|issue|text|implementation|method|function|value|setting|definition|behaviou?r|one|commit|change)";

    static final List<Phrasing> PHRASINGS = List.of(
            phrasing(INSTRUCTION_OVERRIDE, 0.9, List.of("ignor", "disregard", "forget", "overrid", "bypass", "skip", "abandon", "neglect"),
                    VERB + FILLER + "\\s+" + PREVIOUS + "\\b" + GAP + "\\b" + RULES + "\\b"
                            + "|\\b(?:ignore|disregard|forget)\\b(?: all| everything| anything)?(?: of)?(?: the| what(?:'s| is| was| i said| you were told))? (?:above|previous|prior)\\b"
                            + "(?!\\s+" + BENIGN_OBJECT + ")(?!\\s+\\w+\\s+" + BENIGN_OBJECT + ")"),
            phrasing(INSTRUCTION_OVERRIDE, 0.9, List.of("forget everything", "forget all", "start over", "new instructions", "new rules", "from now on"),
                    "\\bforget (?:everything|all)(?: (?:you|that|i|we))?(?: (?:were|was|have been|'ve been|know|learned))?(?: told| said| given| taught)?"
                            + "|\\b(?:your )?new (?:instructions|rules|task|directives?) (?:are|is)\\s?:"
                            + "|\\bfrom now on,? you (?:are|will|must|shall|have no|no longer)\\b"),
            phrasing(INSTRUCTION_OVERRIDE, 0.9, List.of("ignor", "oubli", "olvida", "vergiss", "anweisung", "instruccion", "instructions"),
                    "\\b(?:ignore[sz]?|oublie[sz]?) (?:toutes )?(?:les |tes |vos )?(?:instructions|consignes|règles) (?:précédentes|antérieures|ci-dessus)"
                            + "|\\b(?:ignora|olvida|ignore) (?:todas )?(?:las |tus )?(?:instrucciones|reglas|indicaciones) (?:anteriores|previas)"
                            + "|\\b(?:ignoriere|vergiss|missachte) (?:alle )?(?:deine |die )?(?:vorherigen |bisherigen |obigen )?(?:anweisungen|regeln|instruktionen)"),
            phrasing(PROMPT_EXTRACTION, 0.8, List.of("prompt", "instruction", "initial", "verbatim", "above"),
                    "\\b(?:reveal|print|show|display|output|repeat|recite|tell me|give me|write out|dump|leak|share|spell out|copy)\\b"
                            + GAP + "\\b(?:your|the|its|my)? ?(?:system|initial|original|hidden|secret|internal|developer|full|entire|pre-?prompt)\\s"
                            + "(?:prompt|instructions|message|rules|configuration)"
                            + "|\\bwhat (?:were|are|was|is) (?:your|the) (?:system |initial |original |hidden )?(?:instructions|system prompt|initial prompt)\\b"
                            + "|\\b(?:repeat|print|output) (?:the |all )?(?:text|words|everything) above\\b"),
            phrasing(JAILBREAK, 0.85, List.of("dan", "jailbr", "developer mode", "do anything now", "unrestricted", "unfiltered", "no restrictions",
                            "no limitations", "no rules", "without restrictions", "without any", "uncensored", "pretend", "roleplay", "act as"),
                    "\\b(?:you are|you're|act as|pretend to be|roleplay as|become) (?:now )?(?:dan|an? (?:unrestricted|unfiltered|uncensored|jailbroken|evil) (?:ai|model|assistant|chatbot|version))\\b"
                            + "|\\bdo anything now\\b|\\bjailbr(?:eak|oken)\\b|\\bdeveloper mode (?:enabled|on|activated)\\b|\\benable developer mode\\b"
                            + "|\\b(?:pretend|imagine|act|behave) (?:that |as if |like )?you (?:have|had|are under) no (?:restrictions|limitations|rules|filters|guidelines|content policy)\\b"
                            + "|\\b(?:respond|answer|reply) (?:without|with no) (?:any )?(?:restrictions|filters|censorship|limitations|safety guidelines)\\b"),
            phrasing(ROLE_MARKER, 0.85, List.of("<|", "[inst]", "[/inst]", "<<sys>>", "<start_of_turn>", "<end_of_turn>"),
                    "<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\\|>"
                            + "|\\[/?inst\\]|<</?sys>>|<start_of_turn>|<end_of_turn>"),
            phrasing(ROLE_MARKER, 0.6, List.of("system", "assistant", "human:"),
                    "(?:^|\\n)(?:#{1,3} ?)?(?:system|assistant)(?: message| prompt)? ?: ?(?:you|ignore|new|from now|always|never|the user)"
                            + "|\\n(?:human|assistant): |</?(?:system|system_prompt|instructions)>"),
            phrasing(HIDDEN_INSTRUCTION, 0.8, List.of(" ai", "llm", "assistant", "language model", "chatbot", "agent", "the user", "<!--"),
                    "\\b(?:note|message|instructions?|attention|important) (?:to|for) (?:the |any )?(?:ai|llm|assistant|language model|chatbot|agent|model)s?\\b"
                            + "|\\bif you are an? (?:ai|llm|large language model|language model|assistant|chatbot|agent|bot)\\b"
                            + "|\\b(?:ai|llm)s?(?: assistants?| agents?| models?)?,? (?:reading|processing|summari[sz]ing) this\\b"
                            + "|\\bdo not (?:tell|inform|mention (?:this |it )?to|reveal (?:this |it )?to|alert) the user\\b"
                            + "|\\bwithout (?:telling|informing|alerting|notifying) the user\\b"
                            + "|<!--" + GAP + "\\b(?:ignore|instruction|assistant|ai|model|prompt)\\b"));

    private InjectionPatterns() {
    }

    private static Phrasing phrasing(String entityType, double score, List<String> triggers, String regex) {
        return new Phrasing(entityType, score, triggers, Pattern.compile(regex));
    }

    /** Whether {@code folded} holds one of the phrasing's triggers, so that its pattern is worth trying. */
    static boolean triggered(Phrasing phrasing, String folded) {
        for (String trigger : phrasing.triggers()) {
            if (folded.contains(trigger)) {
                return true;
            }
        }
        return false;
    }
}
