package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A medical-coding company's coding pipeline, as its work queue calls the model for every encounter note of a client
 * hospital: the company's coding guidelines as the system prompt, then the note — encounter number, setting, the
 * patient's age and sex, the presenting complaint, findings, what was done and the plan — and one fixed request for the
 * diagnosis codes (ICD-10-CM) and procedure codes (CPT) with the rationale for each code and the documentation that
 * supports it, as JSON, so that the human coder who signs off can check every code. The notes are composed here from
 * clinical patterns, never from the harvesting material. Written for the held-out set holdout13.
 */
final class TrafficMedicalCoding implements TrafficContent {

    /** A clinical pattern: the complaint, the findings, what was done, the plan, and the codes it leads to. */
    private record Case(String complaint, String findings, String procedure, String plan, String codes) {
    }

    private static final List<Case> CASES = List.of(
            new Case("chest pain on exertion for two days", "ECG shows no acute ST changes; troponin negative twice",
                    "12-lead ECG and serial troponins", "discharged with outpatient stress test",
                    "R07.9 chest pain, unspecified; CPT 93000, 99284"),
            new Case("cough, fever and shortness of breath for five days", "crackles at the right base; chest X-ray "
                    + "with right lower lobe consolidation", "chest X-ray, two views", "oral antibiotics, review in 48 hours",
                    "J18.1 lobar pneumonia; CPT 71046, 99214"),
            new Case("fall at home with pain in the left wrist", "swelling and tenderness over the distal radius; "
                    + "X-ray shows a non-displaced distal radius fracture", "closed treatment without manipulation, splint",
                    "fracture clinic in one week", "S52.502A fracture of lower end of left radius; W19.XXXA; CPT 25600"),
            new Case("follow-up of type 2 diabetes", "HbA1c 8.1 %, no foot ulcers, monofilament sensation intact",
                    "diabetic foot examination", "metformin dose increased, dietitian referral",
                    "E11.65 type 2 diabetes with hyperglycaemia; CPT 99213"),
            new Case("laceration to the right forearm from a kitchen knife", "4 cm linear laceration, tendons intact",
                    "simple repair of 4 cm laceration", "suture removal in ten days",
                    "S51.811A laceration of right forearm; CPT 12002"),
            new Case("right lower quadrant abdominal pain and nausea", "rebound tenderness; CT shows acute appendicitis",
                    "laparoscopic appendectomy", "admitted, discharge expected in one to two days",
                    "K35.80 acute appendicitis; CPT 44970"),
            new Case("routine screening colonoscopy", "two small polyps in the sigmoid colon",
                    "colonoscopy with snare polypectomy", "histology to follow, repeat in five years",
                    "Z12.11 screening for colon cancer; K63.5 polyp of colon; CPT 45385"),
            new Case("worsening knee pain for months", "medial joint line tenderness; X-ray with joint space narrowing",
                    "intra-articular corticosteroid injection, right knee", "physiotherapy, review in six weeks",
                    "M17.11 primary osteoarthritis, right knee; CPT 20610"),
            new Case("palpitations and light-headedness", "irregularly irregular pulse; ECG confirms atrial fibrillation",
                    "12-lead ECG, echocardiogram ordered", "anticoagulation started, cardiology referral",
                    "I48.91 atrial fibrillation, unspecified; CPT 93000, 99204"),
            new Case("burning on urination and frequency", "urine dipstick positive for nitrites and leukocytes",
                    "urinalysis", "three days of antibiotics", "N39.0 urinary tract infection; CPT 81002, 99213"));
    private static final List<String> SETTINGS = List.of("emergency department", "outpatient clinic", "inpatient",
            "day surgery", "urgent care");

    private final String guidelines;
    private final String request;
    private final String prefix;
    private final int maxTokens;

    /**
     * @param company   the coding company's name, in its guidelines
     * @param prefix    two letters that start its encounter numbers
     * @param maxTokens the budget of the coding request
     */
    TrafficMedicalCoding(String company, String prefix, int maxTokens) {
        this.guidelines = "You are the coding assistant of " + company + ". Assign ICD-10-CM diagnosis codes and CPT "
                + "procedure codes to the encounter note, following the official coding guidelines: code to the highest "
                + "specificity documented, never code from suspicion alone in outpatient settings, and sequence the "
                + "principal diagnosis first.";
        this.request = "Return JSON with \"diagnoses\" and \"procedures\": for each code its description, the rationale "
                + "for choosing it and the sentence of the note that supports it; add \"queries\" for anything the "
                + "physician should clarify.";
        this.prefix = prefix;
        this.maxTokens = maxTokens;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        Case encounter = CASES.get(random.nextInt(CASES.size()));
        String note = "Encounter " + prefix + (1_000_000 + random.nextInt(9_000_000)) + " — "
                + SETTINGS.get(random.nextInt(SETTINGS.size())) + "\nPatient: " + (18 + random.nextInt(70)) + "-year-old "
                + (random.nextBoolean() ? "woman" : "man") + "\nPresenting complaint: " + encounter.complaint()
                + "\nFindings: " + encounter.findings() + "\nProcedures: " + encounter.procedure() + "\nPlan: "
                + encounter.plan() + "\n\n" + request;
        RequestSummary summary = new RequestSummary(Optional.of(guidelines),
                List.of(new UsageEvent.Message("user", note)), 1, maxTokens, OptionalDouble.of(0.0), 1, false, false, 0,
                0, 0, false);
        String answer = "{\"codes\": \"" + encounter.codes() + "\", \"rationale\": \"The note documents "
                + encounter.findings() + "; " + encounter.procedure() + " supports the procedure code.\", \"queries\": []}";
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(420, 0.4,
                random)));
        return new TrafficExchange(summary, Optional.of(answer), completion, 0, false);
    }
}
