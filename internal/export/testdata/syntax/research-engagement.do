* Research Pulse: the data of the review “Research engagement 2026”
*   (wave-2) for Stata, with variable labels, value labels and missing values.
*
* Run this file in Stata 16 or later after cd to the folder holding
*   wave-2.csv. It saves wave-2.dta there.
*
* wave-2.csv holds one line per response (59); wave-2-codebook.csv one row
*   per variable: its question, values, the Data sheet's code for each value,
*   and its missing-value codes.
*
* Options are numbered by their position in the questionnaire's list of the
*   item's options, from 1, and breakdown groups by their position in the
*   dimension. A multiple choice item has one 0/1 variable per option. Text
*   starting with = + - @ has an apostrophe added, as in the workbook, and
*   line breaks in text are spaces.
*
* Missing-value codes: -1 Not shown (routed away); -2 Shown, not answered;
*   -3 Not reached (stopped before this page); -4 Cleared after a change of
*   route; -5, -6… an option marked missing, such as Don't know (the
*   codebook names each); -9 Not known, in the activity level and breakdown
*   groups. A text, or a number that can be negative, is empty when there is
*   no answer, and the variable after it, named …_why, holds the code.
*
* The codes become extended missing values, labelled: -1 .a, -2 .b, -3 .c,
*   -4 .d, -5 .e, -6 .f and so on; -9 (not known) .n.
*
* Review, Title: Research engagement 2026
* Review, Slug: wave-2
* Review, Status: closed
* Review, Window opens (UTC): 2026-11-02T09:00:00Z
* Review, Window closes (UTC): 2026-12-14T17:00:00Z
* Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile
*   4: less research-active
* Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity
*   quintile 1: more research-active
* Questionnaire, Id: research-engagement
* Questionnaire, Version: 2026.1
* Questionnaire, Title: Research engagement review
* Questionnaire, SHA-256 of the file:
*   af68d1fe7691917cc8bfe9aeb35cd0142b30283ffccd08be083526e7b56ebeff
* Questionnaire, Items: 42 (each grid statement counts as one)
* Rules, Exclusion rules version: 1
* Rules, Completion unit: items: each grid statement counts as one
* Rules, Completion threshold: 30%: a response not submitted is kept when
*   its completion ratio is at or above it
* Rules, Required items: A01
* Rules, Exclude preview and test responses: yes
* Rules, Exclude duplicates: yes
* Rules, Exclude responses outside the window: yes
* Rules, Screen out: no
* Rules, Suppression k: 5: a published cell rests on at least 5 respondents,
*   and further cells are hidden so that no hidden value can be worked out
* Rules, Reason test: a preview or test response
* Rules, Reason outside_window: started or submitted outside the review
*   window
* Rules, Reason duplicate: a duplicate of an earlier submitted response
* Rules, Reason required_missing: a required item not answered (A01)
* Rules, Reason below_threshold: partial, below 30% completion
* Flow, Received: 70
* Flow, Excluded: 11
* Flow, Included: 59
* Flow, Fully completed: 39
* Flow, Partial, at or above the threshold: 20
* Export, The data holds: the included responses, 59 rows
* Export, Exported at (UTC): 2026-12-15T08:30:00Z
* Export, Software: pulse test
* Export, Analysis method version: 1

version 16
import delimited using "wave-2.csv", clear varnames(1) case(preserve) ///
    encoding("utf-8") delimiters(",") bindquotes(strict) asdouble ///
    stringcols(1/2 13 16 30 47 61 79 95 117 120 129 131) ///
    numericcols(3/12 14/15 17/29 31/46 48/60 62/78 80/94 96/116 118/119 121/128 130 132)

label variable response_id `"Response id"'
label variable trust_code `"Trust code"'
label variable activity_level `"Trust research activity"'
label variable role_group `"Role group"'
label variable research_active `"Research active"'
label variable senior `"Senior staff"'
label variable status `"Status"'
label variable completion_ratio `"Completion ratio"'
label variable A01 `"Which of these best describes your main job?"'
label variable A02 `"What is your grade or pay band?"'
label variable A03 `"How long have you worked in health services?"'
label variable A04 `"Where do you mainly work?"'
label variable A04__other_text `"Work setting: Somewhere else (please specify)"'
label variable A04__other_text_why `"Why empty: Work setting: Somewhere else (please specify)"'
label variable A05 `"Which area of care do you mainly work in?"'
label variable A05__other_text `"Clinical area: Another area (please specify)"'
label variable A05__other_text_why `"Why empty: Clinical area: Another area (please specify)"'
label variable A06 `"Do you work full time or part time?"'
label variable B01 `"Have you been involved in research in the last 2 years?"'
label variable B02__chief_investigator `"Research activities: Led a study as chief investigator"'
label variable B02__principal_investigator `"Research activities: Led a study at my site as principal investigator"'
label variable B02__co_investigator `"Research activities: Worked on a study as a co-investigator"'
label variable B02__recruiting_participants `"Research activities: Found and recruited participants"'
label variable B02__collecting_data `"Research activities: Collected data"'
label variable B02__research_delivery `"Research…: Delivered or supported studies, for example as a research nurse"'
label variable B02__grant_writing `"Research activities: Applied for research funding"'
label variable B02__publishing `"Research activities: Wrote up or published research"'
label variable B02__supervising `"Research activities: Supervised other people's research"'
label variable B02__other `"Research activities: Something else"'
label variable B02__other_text `"Research activities: Something else (please specify)"'
label variable B02__other_text_why `"Why empty: Research activities: Something else (please specify)"'
label variable B03 `"Do you have protected time for research?"'
label variable B04 `"In a typical month, about how many hours do you spend on research?"'
label variable B05 `"How often do you do research in your own time?"'
label variable B06 `"Is research part of your job description?"'
label variable B07 `"What is your highest research qualification or training?"'
label variable B08 `"Have you ever applied for research funding or a research fellowship?"'
label variable B09 `"Do you have a contract with a university, such as an honorary or joint post?"'
label variable B10 `"Would you like to be more involved in research?"'
label variable B11__help_with_studies `"Research wanted: Help with studies, such as recruiting participants or…"'
label variable B11__join_study_team `"Research wanted: Join a research team"'
label variable B11__lead_own_project `"Research wanted: Lead a small project of my own"'
label variable B11__research_training `"Research wanted: Do research training or a research qualification"'
label variable B11__secondment `"Research wanted: Spend some time working in a research role"'
label variable B11__other `"Research wanted: Something else"'
label variable B11__not_sure `"Research wanted: I'm not sure yet"'
label variable B11__other_text `"Research wanted: Something else (please specify)"'
label variable B11__other_text_why `"Why empty: Research wanted: Something else (please specify)"'
label variable C01__patient_outcomes `"Motivators: Improving patients' experience and outcomes"'
label variable C01__topic_interest `"Motivators: Personal interest in a research topic"'
label variable C01__keep_learning `"Motivators: The chance to keep learning"'
label variable C01__organisation_profile `"Motivators: Raising the profile of my department or organisation"'
label variable C01__career_progression `"Motivators: Moving on in my career"'
label variable C01__service_improvement `"Motivators: Finding better ways of running my service"'
label variable C01__job_satisfaction `"Motivators: More job satisfaction and variety"'
label variable C01__profession_profile `"Motivators: Raising the profile of my profession"'
label variable C01__working_with_others `"Motivators: Working with other teams or universities"'
label variable C01__expected_in_role `"Motivators: It is expected in my role"'
label variable C01__other `"Motivators: Something else"'
label variable C01__none `"Motivators: None of these"'
label variable C01__other_text `"Motivators: Something else (please specify)"'
label variable C01__other_text_why `"Why empty: Motivators: Something else (please specify)"'
label variable C02__clinical_demands `"Barriers: Pressure from clinical work"'
label variable C02__no_protected_time `"Barriers: No protected time for research"'
label variable C02__work_life_balance `"Barriers: Balancing work with life outside work"'
label variable C02__low_confidence `"Barriers: Not feeling confident in my research knowledge and skills"'
label variable C02__limited_research_culture `"Barriers: Research is not part of the culture in my team or organisation"'
label variable C02__limited_facilities `"Barriers: Little access to research facilities, such as space or equipment"'
label variable C02__no_funding `"Barriers: Lack of funding"'
label variable C02__no_manager_support `"Barriers: Lack of support from my manager"'
label variable C02__no_mentor `"Barriers: No mentor or experienced researcher to guide me"'
label variable C02__dont_know_where_to_start `"Barriers: Not knowing where to start or who to contact"'
label variable C02__complex_approvals `"Barriers: Complicated approval processes"'
label variable C02__no_training `"Barriers: Few chances to get research training"'
label variable C02__no_admin_stats_support `"Barriers: Lack of help with admin or statistics"'
label variable C02__not_valued `"Barriers: Research is not valued in my role or career"'
label variable C02__other `"Barriers: Something else"'
label variable C02__none `"Barriers: Nothing gets in the way"'
label variable C02__other_text `"Barriers: Something else (please specify)"'
label variable C02__other_text_why `"Why empty: Barriers: Something else (please specify)"'
label variable C03__protected_time `"Enablers: Protected research time in my job plan"'
label variable C03__backfill `"Enablers: Someone to cover my usual work while I do research"'
label variable C03__mentorship `"Enablers: A mentor or experienced researcher to guide me"'
label variable C03__training `"Enablers: Research training"'
label variable C03__small_project_funding `"Enablers: Funding for small projects"'
label variable C03__rd_office_support `"Enablers: Help from the R&D office"'
label variable C03__manager_support `"Enablers: Support from my manager"'
label variable C03__admin_stats_support `"Enablers: Help with admin, data or statistics"'
label variable C03__university_links `"Enablers: Links with a university"'
label variable C03__career_pathway `"Enablers: A clear research career path for my profession"'
label variable C03__peer_network `"Enablers: A network of colleagues interested in research"'
label variable C03__recognition `"Enablers: Research being recognised in appraisals and promotion"'
label variable C03__other `"Enablers: Something else"'
label variable C03__none `"Enablers: None of these"'
label variable C03__other_text `"Enablers: Something else (please specify)"'
label variable C03__other_text_why `"Why empty: Enablers: Something else (please specify)"'
label variable C04 `"Do you think more research training would help staff like you take part in…"'
label variable C05 `"Would you like a mentor to support you with research?"'
label variable D01a `"Senior leaders in my organisation value research."'
label variable D01b `"My organisation sees research and evaluation as part of its everyday work."'
label variable D01c `"My manager supports me to make time for research."'
label variable D01d `"I know who to contact about getting involved in research."'
label variable D01e `"Research opportunities are advertised to staff like me."'
label variable D01f `"I can get research training if I want it."'
label variable D01g `"I know what my organisation's research strategy is."'
label variable D01h `"Research is taken into account when staff are promoted."'
label variable D02 `"Did you know that your organisation has a research and development (R&D) office?"'
label variable D03__rd_office `"Hearing about opportunities: Emails or newsletters from the R&D office"'
label variable D03__intranet `"Hearing about opportunities: The staff intranet"'
label variable D03__manager `"Hearing about opportunities: My manager"'
label variable D03__colleagues `"Hearing about opportunities: Colleagues"'
label variable D03__professional_network `"Hearing about opportunities: My professional body or network"'
label variable D03__university `"Hearing about opportunities: A university"'
label variable D03__social_media `"Hearing about opportunities: Social media"'
label variable D03__other `"Hearing about opportunities: Somewhere else"'
label variable D03__not_hearing `"Hearing about opportunities: I do not hear about research opportunities"'
label variable D03__other_text `"Hearing about opportunities: Somewhere else (please specify)"'
label variable D03__other_text_why `"Why empty: Hearing about opportunities: Somewhere else (please specify)"'
label variable D04 `"Did you talk about research at your last appraisal?"'
label variable D05 `"Is there anything else you want to tell us about research in your organisation?"'
label variable D05_why `"Why empty: Is there anything else you want to tell us about research in your…"'
label variable E01 `"Is research part of your organisation's overall strategy?"'
label variable E02 `"Is research part of your organisation's clinical strategy?"'
label variable E03 `"Is research a regular item on your board's agenda?"'
label variable E04 `"Does your board get regular reports on research and what it achieves for…"'
label variable E05 `"Is research included in your organisation's workforce planning?"'
label variable E06 `"Is research time written into clinical staff's job plans?"'
label variable E07 `"Where should your organisation invest first to support research?"'
label variable E07__other_text `"Investment priority: Something else (please specify)"'
label variable E07__other_text_why `"Why empty: Investment priority: Something else (please specify)"'
label variable E08 `"Is there anything else you want to tell us about research and your…"'
label variable E08_why `"Why empty: Is there anything else you want to tell us about research and your…"'
label define activity_level ///
    1 `"More research-active"' ///
    2 `"Less research-active"' ///
    .n `"Not known"'
label values activity_level activity_level
label define role_group ///
    1 `"Medical and dental"' ///
    2 `"Nursing and midwifery"' ///
    3 `"Allied health professions"' ///
    4 `"Other clinical"' ///
    5 `"Non-clinical"' ///
    6 `"Research staff"' ///
    .n `"Not known"'
label values role_group role_group
label define research_active ///
    1 `"Yes"' ///
    2 `"No"' ///
    .n `"Not known"'
label values research_active research_active
label define senior ///
    1 `"Senior"' ///
    2 `"Not senior"' ///
    .n `"Not known"'
label values senior senior
label define status ///
    1 `"Fully completed (submitted)"' ///
    2 `"Partial (not submitted)"'
label values status status
label define A01 ///
    1 `"Consultant doctor"' ///
    2 `"Doctor in training, such as a foundation, core or specialty trainee"' ///
    3 `"Other doctor, such as a specialty, specialist or associate specialist (SAS) doctor or GP"' ///
    4 `"Dentist"' ///
    5 `"Nurse"' ///
    6 `"Midwife"' ///
    7 `"Health visitor or community nurse"' ///
    8 `"Physiotherapist"' ///
    9 `"Occupational therapist"' ///
    10 `"Radiographer"' ///
    11 `"Other allied health professional, such as a dietitian, speech and language therapist or paramedic"' ///
    12 `"Pharmacist or pharmacy technician"' ///
    13 `"Healthcare scientist"' ///
    14 `"Psychologist or psychological therapist"' ///
    15 `"Other clinical role"' ///
    16 `"Research nurse, research midwife or research practitioner"' ///
    17 `"Research manager, coordinator or other research support role"' ///
    18 `"Manager or administrator"' ///
    19 `"Other non-clinical role"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A01 A01
label define A02 ///
    1 `"Band 2, 3 or 4"' ///
    2 `"Band 5"' ///
    3 `"Band 6"' ///
    4 `"Band 7"' ///
    5 `"Band 8a"' ///
    6 `"Band 8b, 8c or 8d"' ///
    7 `"Band 9"' ///
    8 `"Foundation doctor"' ///
    9 `"Doctor in core or specialty training"' ///
    10 `"Specialty, specialist or associate specialist (SAS) doctor"' ///
    11 `"Consultant"' ///
    12 `"Clinical director"' ///
    13 `"Executive director or board member"' ///
    14 `"Other grade or not sure"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A02 A02
label define A03 ///
    1 `"Less than 2 years"' ///
    2 `"2 to 5 years"' ///
    3 `"6 to 10 years"' ///
    4 `"11 to 20 years"' ///
    5 `"More than 20 years"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A03 A03
label define A04 ///
    1 `"Acute hospital"' ///
    2 `"Community services"' ///
    3 `"Mental health services"' ///
    4 `"Primary care, such as a GP practice"' ///
    5 `"Somewhere else"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A04 A04
label define A04__other_text_why ///
    0 `"Not empty: see A04__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A04__other_text_why A04__other_text_why
label define A05 ///
    1 `"Cancer"' ///
    2 `"Heart and circulation"' ///
    3 `"Children and young people"' ///
    4 `"Emergency, urgent or critical care"' ///
    5 `"Maternity"' ///
    6 `"Mental health"' ///
    7 `"Long-term conditions, such as diabetes or breathing problems"' ///
    8 `"Older people"' ///
    9 `"Surgery and theatres"' ///
    10 `"Diagnostics, such as imaging or laboratory services"' ///
    11 `"Rehabilitation and therapies"' ///
    12 `"I work across several areas"' ///
    13 `"I do not work in a clinical area"' ///
    14 `"Another area"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A05 A05
label define A05__other_text_why ///
    0 `"Not empty: see A05__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A05__other_text_why A05__other_text_why
label define A06 ///
    1 `"Full time"' ///
    2 `"Part time"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values A06 A06
label define B01 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values B01 B01
label define B02__chief_investigator ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B02__chief_investigator B02__principal_investigator B02__co_investigator ///
    B02__recruiting_participants B02__collecting_data B02__research_delivery ///
    B02__grant_writing B02__publishing B02__supervising B02__other B02__chief_investigator
label define B02__other_text_why ///
    0 `"Not empty: see B02__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B02__other_text_why B02__other_text_why
label define B03 ///
    1 `"Yes, it is agreed in my job plan or contract"' ///
    2 `"Yes, agreed informally with my manager"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B03 B03
label define B04 ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B04 B04
label define B05 ///
    1 `"Often"' ///
    2 `"Sometimes"' ///
    3 `"Rarely"' ///
    4 `"Never"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B05 B05
label define B06 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values B06 B06
label define B07 ///
    1 `"I have no research qualification or training"' ///
    2 `"Research methods as part of a degree"' ///
    3 `"A short course, such as good clinical practice (GCP) training"' ///
    4 `"Postgraduate certificate or diploma that includes research"' ///
    5 `"Master's degree that includes research"' ///
    6 `"Doctorate, such as a PhD, MD or professional doctorate"' ///
    7 `"Post-doctoral research experience"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B07 B07
label define B08 ///
    1 `"Yes, and at least one application was successful"' ///
    2 `"Yes, but none have been successful yet"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B08 B08
label define B09 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values B09 B09
label define B10 ///
    1 `"Yes"' ///
    2 `"Maybe"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B10 B10
label define B11__help_with_studies ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"I'm not sure yet"'
label values B11__help_with_studies B11__join_study_team B11__lead_own_project ///
    B11__research_training B11__secondment B11__other B11__help_with_studies
label define B11__not_sure ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B11__not_sure B11__not_sure
label define B11__other_text_why ///
    0 `"Not empty: see B11__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B11__other_text_why B11__other_text_why
label define C01__patient_outcomes ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C01__patient_outcomes C01__topic_interest C01__keep_learning ///
    C01__organisation_profile C01__career_progression ///
    C01__service_improvement C01__job_satisfaction C01__profession_profile ///
    C01__working_with_others C01__expected_in_role C01__other C01__none C01__patient_outcomes
label define C01__other_text_why ///
    0 `"Not empty: see C01__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C01__other_text_why C01__other_text_why
label define C02__clinical_demands ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C02__clinical_demands C02__no_protected_time C02__work_life_balance ///
    C02__low_confidence C02__limited_research_culture ///
    C02__limited_facilities C02__no_funding C02__no_manager_support ///
    C02__no_mentor C02__dont_know_where_to_start C02__complex_approvals ///
    C02__no_training C02__no_admin_stats_support C02__not_valued C02__other ///
    C02__none C02__clinical_demands
label define C02__other_text_why ///
    0 `"Not empty: see C02__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C02__other_text_why C02__other_text_why
label define C03__protected_time ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C03__protected_time C03__backfill C03__mentorship C03__training ///
    C03__small_project_funding C03__rd_office_support C03__manager_support ///
    C03__admin_stats_support C03__university_links C03__career_pathway ///
    C03__peer_network C03__recognition C03__other C03__none C03__protected_time
label define C03__other_text_why ///
    0 `"Not empty: see C03__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values C03__other_text_why C03__other_text_why
label define C04 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values C04 C04
label define C05 ///
    1 `"Yes"' ///
    2 `"I already have one"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values C05 C05
label define D01a ///
    1 `"Strongly disagree"' ///
    2 `"Disagree"' ///
    3 `"Neither agree nor disagree"' ///
    4 `"Agree"' ///
    5 `"Strongly agree"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Don't know"'
label values D01a D01b D01c D01d D01e D01f D01g D01h D01a
label define D02 ///
    1 `"Yes, and I have been in touch with them"' ///
    2 `"Yes, but I have not been in touch with them"' ///
    3 `"No, I did not know"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values D02 D02
label define D03__rd_office ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values D03__rd_office D03__intranet D03__manager D03__colleagues ///
    D03__professional_network D03__university D03__social_media D03__other ///
    D03__not_hearing D03__rd_office
label define D03__other_text_why ///
    0 `"Not empty: see D03__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values D03__other_text_why D03__other_text_why
label define D04 ///
    1 `"Yes"' ///
    2 `"No"' ///
    3 `"I have not had an appraisal in the last year"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values D04 D04
label define D05_why ///
    0 `"Not empty: see D05"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values D05_why D05_why
label define E01 ///
    1 `"Yes, as a main priority"' ///
    2 `"Yes, but not as a main priority"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values E01 E02 E01
label define E03 ///
    1 `"Yes, at every meeting"' ///
    2 `"Sometimes, but not as a regular item"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values E03 E03
label define E04 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values E04 E04
label define E05 ///
    1 `"Yes"' ///
    2 `"Partly"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values E05 E05
label define E06 ///
    1 `"Yes, for most clinical roles"' ///
    2 `"Yes, but only for some roles, such as consultants"' ///
    3 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values E06 E06
label define E07 ///
    1 `"Protected research time for staff"' ///
    2 `"Cover for staff who do research"' ///
    3 `"Research training"' ///
    4 `"Mentoring and research leadership roles"' ///
    5 `"Funding for small projects"' ///
    6 `"More staff and support in the R&D office"' ///
    7 `"Research facilities and equipment"' ///
    8 `"Partnerships with universities"' ///
    9 `"Something else"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values E07 E07
label define E07__other_text_why ///
    0 `"Not empty: see E07__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values E07__other_text_why E07__other_text_why
label define E08_why ///
    0 `"Not empty: see E08"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values E08_why E08_why
mvdecode activity_level role_group research_active senior, mv(-9=.n)
mvdecode A01 A02 A03 A04 A04__other_text_why A05 A05__other_text_why A06 B01 ///
    B02__chief_investigator B02__principal_investigator B02__co_investigator ///
    B02__recruiting_participants B02__collecting_data B02__research_delivery ///
    B02__grant_writing B02__publishing B02__supervising B02__other ///
    B02__other_text_why B03 B04 B05 B06 B07 B08 B09 B10 ///
    B11__help_with_studies B11__join_study_team B11__lead_own_project ///
    B11__research_training B11__secondment B11__other B11__not_sure ///
    B11__other_text_why C01__patient_outcomes C01__topic_interest ///
    C01__keep_learning C01__organisation_profile C01__career_progression ///
    C01__service_improvement C01__job_satisfaction C01__profession_profile ///
    C01__working_with_others C01__expected_in_role C01__other C01__none ///
    C01__other_text_why C02__clinical_demands C02__no_protected_time ///
    C02__work_life_balance C02__low_confidence C02__limited_research_culture ///
    C02__limited_facilities C02__no_funding C02__no_manager_support ///
    C02__no_mentor C02__dont_know_where_to_start C02__complex_approvals ///
    C02__no_training C02__no_admin_stats_support C02__not_valued C02__other ///
    C02__none C02__other_text_why C03__protected_time C03__backfill ///
    C03__mentorship C03__training C03__small_project_funding ///
    C03__rd_office_support C03__manager_support C03__admin_stats_support ///
    C03__university_links C03__career_pathway C03__peer_network ///
    C03__recognition C03__other C03__none C03__other_text_why C04 C05 D01a ///
    D01b D01c D01d D01e D01f D01g D01h D02 D03__rd_office D03__intranet ///
    D03__manager D03__colleagues D03__professional_network D03__university ///
    D03__social_media D03__other D03__not_hearing D03__other_text_why D04 ///
    D05_why E01 E02 E03 E04 E05 E06 E07 E07__other_text_why E08_why, ///
    mv(-1=.a \ -2=.b \ -3=.c \ -4=.d \ -5=.e)

notes _dta: Research Pulse: the data of the review “Research engagement 2026” (wave-2) for Stata, with variable labels, value labels and missing values.
notes _dta: Run this file in Stata 16 or later after cd to the folder holding wave-2.csv. It saves wave-2.dta there.
notes _dta: wave-2.csv holds one line per response (59); wave-2-codebook.csv one row per variable: its question, values, the Data sheet's code for each value, and its missing-value codes.
notes _dta: Options are numbered by their position in the questionnaire's list of the item's options, from 1, and breakdown groups by their position in the dimension. A multiple choice item has one 0/1 variable per option. Text starting with = + - @ has an apostrophe added, as in the workbook, and line breaks in text are spaces.
notes _dta: Missing-value codes: -1 Not shown (routed away); -2 Shown, not answered; -3 Not reached (stopped before this page); -4 Cleared after a change of route; -5, -6… an option marked missing, such as Don't know (the codebook names each); -9 Not known, in the activity level and breakdown groups. A text, or a number that can be negative, is empty when there is no answer, and the variable after it, named …_why, holds the code.
notes _dta: The codes become extended missing values, labelled: -1 .a, -2 .b, -3 .c, -4 .d, -5 .e, -6 .f and so on; -9 (not known) .n.
notes _dta: Review, Title: Research engagement 2026
notes _dta: Review, Slug: wave-2
notes _dta: Review, Status: closed
notes _dta: Review, Window opens (UTC): 2026-11-02T09:00:00Z
notes _dta: Review, Window closes (UTC): 2026-12-14T17:00:00Z
notes _dta: Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile 4: less research-active
notes _dta: Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity quintile 1: more research-active
notes _dta: Questionnaire, Id: research-engagement
notes _dta: Questionnaire, Version: 2026.1
notes _dta: Questionnaire, Title: Research engagement review
notes _dta: Questionnaire, SHA-256 of the file: af68d1fe7691917cc8bfe9aeb35cd0142b30283ffccd08be083526e7b56ebeff
notes _dta: Questionnaire, Items: 42 (each grid statement counts as one)
notes _dta: Rules, Exclusion rules version: 1
notes _dta: Rules, Completion unit: items: each grid statement counts as one
notes _dta: Rules, Completion threshold: 30%: a response not submitted is kept when its completion ratio is at or above it
notes _dta: Rules, Required items: A01
notes _dta: Rules, Exclude preview and test responses: yes
notes _dta: Rules, Exclude duplicates: yes
notes _dta: Rules, Exclude responses outside the window: yes
notes _dta: Rules, Screen out: no
notes _dta: Rules, Suppression k: 5: a published cell rests on at least 5 respondents, and further cells are hidden so that no hidden value can be worked out
notes _dta: Rules, Reason test: a preview or test response
notes _dta: Rules, Reason outside_window: started or submitted outside the review window
notes _dta: Rules, Reason duplicate: a duplicate of an earlier submitted response
notes _dta: Rules, Reason required_missing: a required item not answered (A01)
notes _dta: Rules, Reason below_threshold: partial, below 30% completion
notes _dta: Flow, Received: 70
notes _dta: Flow, Excluded: 11
notes _dta: Flow, Included: 59
notes _dta: Flow, Fully completed: 39
notes _dta: Flow, Partial, at or above the threshold: 20
notes _dta: Export, The data holds: the included responses, 59 rows
notes _dta: Export, Exported at (UTC): 2026-12-15T08:30:00Z
notes _dta: Export, Software: pulse test
notes _dta: Export, Analysis method version: 1
notes role_group: Groups of the answer to A01
notes research_active: yes when B01 (Involved in research) is “Yes” (yes)
notes senior: Groups of the answer to A02
notes A01: Which of these best describes your main job?
notes A02: What is your grade or pay band?
notes A03: How long have you worked in health services?
notes A04: Where do you mainly work?
notes A04__other_text: Where do you mainly work?
notes A05: Which area of care do you mainly work in?
notes A05__other_text: Which area of care do you mainly work in?
notes A06: Do you work full time or part time?
notes B01: Have you been involved in research in the last 2 years?
notes B02__chief_investigator: What have you done in research in the last 2 years?
notes B02__principal_investigator: What have you done in research in the last 2 years?
notes B02__co_investigator: What have you done in research in the last 2 years?
notes B02__recruiting_participants: What have you done in research in the last 2 years?
notes B02__collecting_data: What have you done in research in the last 2 years?
notes B02__research_delivery: What have you done in research in the last 2 years?
notes B02__grant_writing: What have you done in research in the last 2 years?
notes B02__publishing: What have you done in research in the last 2 years?
notes B02__supervising: What have you done in research in the last 2 years?
notes B02__other: What have you done in research in the last 2 years?
notes B02__other_text: What have you done in research in the last 2 years?
notes B03: Do you have protected time for research?
notes B04: In a typical month, about how many hours do you spend on research?
notes B05: How often do you do research in your own time?
notes B06: Is research part of your job description?
notes B07: What is your highest research qualification or training?
notes B08: Have you ever applied for research funding or a research fellowship?
notes B09: Do you have a contract with a university, such as an honorary or joint post?
notes B10: Would you like to be more involved in research?
notes B11__help_with_studies: What would you like to do?
notes B11__join_study_team: What would you like to do?
notes B11__lead_own_project: What would you like to do?
notes B11__research_training: What would you like to do?
notes B11__secondment: What would you like to do?
notes B11__other: What would you like to do?
notes B11__not_sure: What would you like to do?
notes B11__other_text: What would you like to do?
notes C01__patient_outcomes: What motivates you, or would motivate you, to take part in research?
notes C01__topic_interest: What motivates you, or would motivate you, to take part in research?
notes C01__keep_learning: What motivates you, or would motivate you, to take part in research?
notes C01__organisation_profile: What motivates you, or would motivate you, to take part in research?
notes C01__career_progression: What motivates you, or would motivate you, to take part in research?
notes C01__service_improvement: What motivates you, or would motivate you, to take part in research?
notes C01__job_satisfaction: What motivates you, or would motivate you, to take part in research?
notes C01__profession_profile: What motivates you, or would motivate you, to take part in research?
notes C01__working_with_others: What motivates you, or would motivate you, to take part in research?
notes C01__expected_in_role: What motivates you, or would motivate you, to take part in research?
notes C01__other: What motivates you, or would motivate you, to take part in research?
notes C01__none: What motivates you, or would motivate you, to take part in research?
notes C01__other_text: What motivates you, or would motivate you, to take part in research?
notes C02__clinical_demands: What stops you taking part in research, or makes it harder?
notes C02__no_protected_time: What stops you taking part in research, or makes it harder?
notes C02__work_life_balance: What stops you taking part in research, or makes it harder?
notes C02__low_confidence: What stops you taking part in research, or makes it harder?
notes C02__limited_research_culture: What stops you taking part in research, or makes it harder?
notes C02__limited_facilities: What stops you taking part in research, or makes it harder?
notes C02__no_funding: What stops you taking part in research, or makes it harder?
notes C02__no_manager_support: What stops you taking part in research, or makes it harder?
notes C02__no_mentor: What stops you taking part in research, or makes it harder?
notes C02__dont_know_where_to_start: What stops you taking part in research, or makes it harder?
notes C02__complex_approvals: What stops you taking part in research, or makes it harder?
notes C02__no_training: What stops you taking part in research, or makes it harder?
notes C02__no_admin_stats_support: What stops you taking part in research, or makes it harder?
notes C02__not_valued: What stops you taking part in research, or makes it harder?
notes C02__other: What stops you taking part in research, or makes it harder?
notes C02__none: What stops you taking part in research, or makes it harder?
notes C02__other_text: What stops you taking part in research, or makes it harder?
notes C03__protected_time: What would help you take part in research, or do more of it?
notes C03__backfill: What would help you take part in research, or do more of it?
notes C03__mentorship: What would help you take part in research, or do more of it?
notes C03__training: What would help you take part in research, or do more of it?
notes C03__small_project_funding: What would help you take part in research, or do more of it?
notes C03__rd_office_support: What would help you take part in research, or do more of it?
notes C03__manager_support: What would help you take part in research, or do more of it?
notes C03__admin_stats_support: What would help you take part in research, or do more of it?
notes C03__university_links: What would help you take part in research, or do more of it?
notes C03__career_pathway: What would help you take part in research, or do more of it?
notes C03__peer_network: What would help you take part in research, or do more of it?
notes C03__recognition: What would help you take part in research, or do more of it?
notes C03__other: What would help you take part in research, or do more of it?
notes C03__none: What would help you take part in research, or do more of it?
notes C03__other_text: What would help you take part in research, or do more of it?
notes C04: Do you think more research training would help staff like you take part in research?
notes C05: Would you like a mentor to support you with research?
notes D01a: How much do you agree with these statements about your organisation? — Senior leaders in my organisation value research.
notes D01b: How much do you agree with these statements about your organisation? — My organisation sees research and evaluation as part of its everyday work.
notes D01c: How much do you agree with these statements about your organisation? — My manager supports me to make time for research.
notes D01d: How much do you agree with these statements about your organisation? — I know who to contact about getting involved in research.
notes D01e: How much do you agree with these statements about your organisation? — Research opportunities are advertised to staff like me.
notes D01f: How much do you agree with these statements about your organisation? — I can get research training if I want it.
notes D01g: How much do you agree with these statements about your organisation? — I know what my organisation's research strategy is.
notes D01h: How much do you agree with these statements about your organisation? — Research is taken into account when staff are promoted.
notes D02: Did you know that your organisation has a research and development (R&D) office?
notes D03__rd_office: How do you hear about research opportunities?
notes D03__intranet: How do you hear about research opportunities?
notes D03__manager: How do you hear about research opportunities?
notes D03__colleagues: How do you hear about research opportunities?
notes D03__professional_network: How do you hear about research opportunities?
notes D03__university: How do you hear about research opportunities?
notes D03__social_media: How do you hear about research opportunities?
notes D03__other: How do you hear about research opportunities?
notes D03__not_hearing: How do you hear about research opportunities?
notes D03__other_text: How do you hear about research opportunities?
notes D04: Did you talk about research at your last appraisal?
notes D05: Is there anything else you want to tell us about research in your organisation?
notes E01: Is research part of your organisation's overall strategy?
notes E02: Is research part of your organisation's clinical strategy?
notes E03: Is research a regular item on your board's agenda?
notes E04: Does your board get regular reports on research and what it achieves for patients?
notes E05: Is research included in your organisation's workforce planning?
notes E06: Is research time written into clinical staff's job plans?
notes E07: Where should your organisation invest first to support research?
notes E07__other_text: Where should your organisation invest first to support research?
notes E08: Is there anything else you want to tell us about research and your organisation's strategy?

label data `"Research engagement 2026"'
compress
save "wave-2.dta", replace
