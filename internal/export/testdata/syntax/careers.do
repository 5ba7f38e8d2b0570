* Research Pulse: the data of the review “Clinical academic careers
*   2026” (careers-2) for Stata, with variable labels, value labels and
*   missing values.
*
* Run this file in Stata 16 or later after cd to the folder holding
*   careers-2.csv. It saves careers-2.dta there.
*
* careers-2.csv holds one line per response (40); careers-2-codebook.csv one
*   row per variable: its question, values, the Data sheet's code for each
*   value, and its missing-value codes.
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
* Review, Title: Clinical academic careers 2026
* Review, Slug: careers-2
* Review, Status: closed
* Review, Window opens (UTC): 2026-11-02T09:00:00Z
* Review, Window closes (UTC): 2026-12-14T17:00:00Z
* Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile
*   4: less research-active
* Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity
*   quintile 1: more research-active
* Questionnaire, Id: clinical-academic-careers
* Questionnaire, Version: 2026.2
* Questionnaire, Title: Clinical academic careers survey
* Questionnaire, SHA-256 of the file:
*   576c9cd3132f48e7952a36274b24757c11a4a9bdbb1ddc82a18dc9515e1b3d8b
* Questionnaire, Items: 20 (each grid statement counts as one)
* Rules, Exclusion rules version: 2
* Rules, Completion unit: questions: a grid counts once, as answered when
*   any of its shown statements is
* Rules, Completion threshold: 40%: a response not submitted is kept when
*   its completion ratio is at or above it
* Rules, Required items: R01
* Rules, Exclude preview and test responses: yes
* Rules, Exclude duplicates: yes
* Rules, Exclude responses outside the window: yes
* Rules, Screen out: yes, when R01 (Staff group) is “Student on
*   placement” (student)
* Rules, Suppression k: 5: a published cell rests on at least 5 respondents,
*   and further cells are hidden so that no hidden value can be worked out
* Rules, Reason test: a preview or test response
* Rules, Reason outside_window: started or submitted outside the review
*   window
* Rules, Reason duplicate: a duplicate of an earlier submitted response
* Rules, Reason screened_out: screened out by the questionnaire's screening
*   question
* Rules, Reason required_missing: a required item not answered (R01)
* Rules, Reason below_threshold: partial, below 40% completion
* Flow, Received: 60
* Flow, Excluded: 20
* Flow, Included: 40
* Flow, Fully completed: 28
* Flow, Partial, at or above the threshold: 12
* Export, The data holds: the included responses, 40 rows
* Export, Exported at (UTC): 2026-12-15T08:30:00Z
* Export, Software: pulse test
* Export, Analysis method version: 1

version 16
import delimited using "careers-2.csv", clear varnames(1) case(preserve) ///
    encoding("utf-8") delimiters(",") bindquotes(strict) asdouble ///
    stringcols(1/2 9 21 25 47 49) ///
    numericcols(3/8 10/20 22/24 26/46 48 50)

label variable response_id `"Response id"'
label variable trust_code `"Trust code"'
label variable activity_level `"Trust research activity"'
label variable staff_group `"Staff group"'
label variable active `"Research active"'
label variable status `"Status"'
label variable completion_ratio `"Completion ratio"'
label variable R01 `"Which staff group are you in?"'
label variable R01__other_text `"Staff group: Another group (please specify)"'
label variable R01__other_text_why `"Why empty: Staff group: Another group (please specify)"'
label variable R02 `"What is your grade?"'
label variable R03 `"What is your band?"'
label variable R04 `"How many years have you been qualified?"'
label variable R05 `"Have you mentored anyone in research?"'
label variable S01 `"Are you involved in research now?"'
label variable S02__ci `"Research roles: Chief investigator"'
label variable S02__pi `"Research roles: Principal investigator"'
label variable S02__recruit `"Research roles: Recruit participants"'
label variable S02__data `"Research roles: Collect data"'
label variable S02__other `"Research roles: Something else"'
label variable S02__other_text `"Research roles: Something else (please specify)"'
label variable S02__other_text_why `"Why empty: Research roles: Something else (please specify)"'
label variable S03 `"How many studies have you led?"'
label variable S04 `"How many hours a week do you spend leading research?"'
label variable L01 `"What is your research leadership role?"'
label variable L01_why `"Why empty: What is your research leadership role?"'
label variable L02 `"Is your leadership time protected?"'
label variable M01__patients `"Motivators: Better care for patients"'
label variable M01__learning `"Motivators: Learning new skills"'
label variable M01__career `"Motivators: Career progression"'
label variable M01__curiosity `"Motivators: Curiosity"'
label variable M01__team `"Motivators: Working in a team"'
label variable M01__none `"Motivators: None of these"'
label variable M01__dont_know `"Motivators: Don't know"'
label variable M02 `"Which of these motivates you most?"'
label variable G01a `"My organisation values research."'
label variable G01b `"My manager gives me time for research."'
label variable G01c `"I know where to get research advice."'
label variable G01d `"My research is recognised in my appraisal."'
label variable G02 `"I do not feel confident enough to do research."'
label variable B01__time `"Barriers: No protected time"'
label variable B01__funding `"Barriers: No funding"'
label variable B01__confidence `"Barriers: Lack of confidence"'
label variable B01__culture `"Barriers: Research is not part of the culture"'
label variable B01__other `"Barriers: Something else"'
label variable B01__nothing `"Barriers: Nothing gets in the way"'
label variable B01__other_text `"Barriers: Something else (please specify)"'
label variable B01__other_text_why `"Why empty: Barriers: Something else (please specify)"'
label variable B02 `"Tell us more about what gets in the way."'
label variable B02_why `"Why empty: Tell us more about what gets in the way."'
label define activity_level ///
    1 `"More research-active"' ///
    2 `"Less research-active"' ///
    .n `"Not known"'
label values activity_level activity_level
label define staff_group ///
    1 `"Clinical"' ///
    2 `"Non-clinical"' ///
    3 `"Student"' ///
    .n `"Not known"'
label values staff_group staff_group
label define active ///
    1 `"Yes"' ///
    2 `"No"' ///
    .n `"Not known"'
label values active active
label define status ///
    1 `"Fully completed (submitted)"' ///
    2 `"Partial (not submitted)"'
label values status status
label define R01 ///
    1 `"Doctor"' ///
    2 `"Nurse or midwife"' ///
    3 `"Allied health professional"' ///
    4 `"Healthcare scientist"' ///
    5 `"Administrative or managerial"' ///
    6 `"Student on placement"' ///
    7 `"Another group"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values R01 R01
label define R01__other_text_why ///
    0 `"Not empty: see R01__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values R01__other_text_why R01__other_text_why
label define R02 ///
    1 `"Foundation"' ///
    2 `"Registrar"' ///
    3 `"Consultant"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values R02 R02
label define R03 ///
    1 `"Band 5"' ///
    2 `"Band 6"' ///
    3 `"Band 7"' ///
    4 `"Band 8 or above"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values R03 R03
label define R04 ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values R04 R04
label define R05 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Don't know"'
label values R05 R05
label define S01 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Not sure"'
label values S01 S01
label define S02__ci ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values S02__ci S02__pi S02__recruit S02__data S02__other S02__ci
label define S02__other_text_why ///
    0 `"Not empty: see S02__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values S02__other_text_why S02__other_text_why
label define S03 ///
    1 `"One"' ///
    2 `"Two to five"' ///
    3 `"Six or more"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values S03 S03
label define S04 ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values S04 S04
label define L01_why ///
    0 `"Not empty: see L01"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values L01_why L01_why
label define L02 ///
    1 `"Yes"' ///
    2 `"No"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values L02 L02
label define M01__patients ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Don't know"'
label values M01__patients M01__learning M01__career M01__curiosity M01__team ///
    M01__none M01__patients
label define M01__dont_know ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values M01__dont_know M01__dont_know
label define M02 ///
    1 `"Better care for patients"' ///
    2 `"Learning new skills"' ///
    3 `"Career progression"' ///
    4 `"Curiosity"' ///
    5 `"Working in a team"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"I can't choose"'
label values M02 M02
label define G01a ///
    1 `"Strongly disagree"' ///
    2 `"Disagree"' ///
    3 `"Agree"' ///
    4 `"Strongly agree"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"' ///
    .e `"Don't know"'
label values G01a G01b G01c G01d G02 G01a
label define B01__time ///
    0 `"Not selected"' ///
    1 `"Selected"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B01__time B01__funding B01__confidence B01__culture B01__other ///
    B01__nothing B01__time
label define B01__other_text_why ///
    0 `"Not empty: see B01__other_text"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B01__other_text_why B01__other_text_why
label define B02_why ///
    0 `"Not empty: see B02"' ///
    .a `"Not shown (routed away)"' ///
    .b `"Shown, not answered"' ///
    .c `"Not reached (stopped before this page)"' ///
    .d `"Cleared after a change of route"'
label values B02_why B02_why
mvdecode activity_level staff_group active, mv(-9=.n)
mvdecode R01 R01__other_text_why R02 R03 R04 R05 S01 S02__ci S02__pi S02__recruit ///
    S02__data S02__other S02__other_text_why S03 S04 L01_why L02 ///
    M01__patients M01__learning M01__career M01__curiosity M01__team ///
    M01__none M01__dont_know M02 G01a G01b G01c G01d G02 B01__time ///
    B01__funding B01__confidence B01__culture B01__other B01__nothing ///
    B01__other_text_why B02_why, ///
    mv(-1=.a \ -2=.b \ -3=.c \ -4=.d \ -5=.e)

notes _dta: Research Pulse: the data of the review “Clinical academic careers 2026” (careers-2) for Stata, with variable labels, value labels and missing values.
notes _dta: Run this file in Stata 16 or later after cd to the folder holding careers-2.csv. It saves careers-2.dta there.
notes _dta: careers-2.csv holds one line per response (40); careers-2-codebook.csv one row per variable: its question, values, the Data sheet's code for each value, and its missing-value codes.
notes _dta: Options are numbered by their position in the questionnaire's list of the item's options, from 1, and breakdown groups by their position in the dimension. A multiple choice item has one 0/1 variable per option. Text starting with = + - @ has an apostrophe added, as in the workbook, and line breaks in text are spaces.
notes _dta: Missing-value codes: -1 Not shown (routed away); -2 Shown, not answered; -3 Not reached (stopped before this page); -4 Cleared after a change of route; -5, -6… an option marked missing, such as Don't know (the codebook names each); -9 Not known, in the activity level and breakdown groups. A text, or a number that can be negative, is empty when there is no answer, and the variable after it, named …_why, holds the code.
notes _dta: The codes become extended missing values, labelled: -1 .a, -2 .b, -3 .c, -4 .d, -5 .e, -6 .f and so on; -9 (not known) .n.
notes _dta: Review, Title: Clinical academic careers 2026
notes _dta: Review, Slug: careers-2
notes _dta: Review, Status: closed
notes _dta: Review, Window opens (UTC): 2026-11-02T09:00:00Z
notes _dta: Review, Window closes (UTC): 2026-12-14T17:00:00Z
notes _dta: Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile 4: less research-active
notes _dta: Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity quintile 1: more research-active
notes _dta: Questionnaire, Id: clinical-academic-careers
notes _dta: Questionnaire, Version: 2026.2
notes _dta: Questionnaire, Title: Clinical academic careers survey
notes _dta: Questionnaire, SHA-256 of the file: 576c9cd3132f48e7952a36274b24757c11a4a9bdbb1ddc82a18dc9515e1b3d8b
notes _dta: Questionnaire, Items: 20 (each grid statement counts as one)
notes _dta: Rules, Exclusion rules version: 2
notes _dta: Rules, Completion unit: questions: a grid counts once, as answered when any of its shown statements is
notes _dta: Rules, Completion threshold: 40%: a response not submitted is kept when its completion ratio is at or above it
notes _dta: Rules, Required items: R01
notes _dta: Rules, Exclude preview and test responses: yes
notes _dta: Rules, Exclude duplicates: yes
notes _dta: Rules, Exclude responses outside the window: yes
notes _dta: Rules, Screen out: yes, when R01 (Staff group) is “Student on placement” (student)
notes _dta: Rules, Suppression k: 5: a published cell rests on at least 5 respondents, and further cells are hidden so that no hidden value can be worked out
notes _dta: Rules, Reason test: a preview or test response
notes _dta: Rules, Reason outside_window: started or submitted outside the review window
notes _dta: Rules, Reason duplicate: a duplicate of an earlier submitted response
notes _dta: Rules, Reason screened_out: screened out by the questionnaire's screening question
notes _dta: Rules, Reason required_missing: a required item not answered (R01)
notes _dta: Rules, Reason below_threshold: partial, below 40% completion
notes _dta: Flow, Received: 60
notes _dta: Flow, Excluded: 20
notes _dta: Flow, Included: 40
notes _dta: Flow, Fully completed: 28
notes _dta: Flow, Partial, at or above the threshold: 12
notes _dta: Export, The data holds: the included responses, 40 rows
notes _dta: Export, Exported at (UTC): 2026-12-15T08:30:00Z
notes _dta: Export, Software: pulse test
notes _dta: Export, Analysis method version: 1
notes staff_group: Groups of the answer to R01
notes active: yes when S01 (Research involvement) is “Yes” (yes)
notes R01: Which staff group are you in?
notes R01__other_text: Which staff group are you in?
notes R02: What is your grade?
notes R03: What is your band?
notes R04: How many years have you been qualified?
notes R05: Have you mentored anyone in research?
notes S01: Are you involved in research now?
notes S02__ci: What do you do in research?
notes S02__pi: What do you do in research?
notes S02__recruit: What do you do in research?
notes S02__data: What do you do in research?
notes S02__other: What do you do in research?
notes S02__other_text: What do you do in research?
notes S03: How many studies have you led?
notes S04: How many hours a week do you spend leading research?
notes L01: What is your research leadership role?
notes L02: Is your leadership time protected?
notes M01__patients: What would motivate you to do research?
notes M01__learning: What would motivate you to do research?
notes M01__career: What would motivate you to do research?
notes M01__curiosity: What would motivate you to do research?
notes M01__team: What would motivate you to do research?
notes M01__none: What would motivate you to do research?
notes M01__dont_know: What would motivate you to do research?
notes M02: Which of these motivates you most?
notes G01a: How much do you agree with these statements? — My organisation values research.
notes G01b: How much do you agree with these statements? — My manager gives me time for research.
notes G01c: How much do you agree with these statements? — I know where to get research advice.
notes G01d: How much do you agree with these statements? — My research is recognised in my appraisal.
notes G02: I do not feel confident enough to do research.
notes B01__time: What gets in the way of research for you?
notes B01__funding: What gets in the way of research for you?
notes B01__confidence: What gets in the way of research for you?
notes B01__culture: What gets in the way of research for you?
notes B01__other: What gets in the way of research for you?
notes B01__nothing: What gets in the way of research for you?
notes B01__other_text: What gets in the way of research for you?
notes B02: Tell us more about what gets in the way.

label data `"Clinical academic careers 2026"'
compress
save "careers-2.dta", replace
