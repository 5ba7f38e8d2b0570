* Encoding: UTF-8.
* Research Pulse: the data of the review “Research engagement 2026”
*   (wave-2) for SPSS, with variable labels, value labels and missing values.
*
* Run this file in SPSS or PSPP with wave-2.csv in the working folder (or
*   put the folder in front of the name on the GET DATA line). It saves
*   wave-2.sav there.
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
* Every code is declared a missing value (LO THRU -1), and labelled.
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
* End of the header.

GET DATA
  /TYPE=TXT
  /FILE='wave-2.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    response_id A5
    trust_code A3
    activity_level F2.0
    role_group F2.0
    research_active F2.0
    senior F2.0
    status F1.0
    completion_ratio F6.4
    A01 F2.0
    A02 F2.0
    A03 F2.0
    A04 F2.0
    A04__other_text A26
    A04__other_text_why F2.0
    A05 F2.0
    A05__other_text A26
    A05__other_text_why F2.0
    A06 F2.0
    B01 F2.0
    B02__chief_investigator F2.0
    B02__principal_investigator F2.0
    B02__co_investigator F2.0
    B02__recruiting_participants F2.0
    B02__collecting_data F2.0
    B02__research_delivery F2.0
    B02__grant_writing F2.0
    B02__publishing F2.0
    B02__supervising F2.0
    B02__other F2.0
    B02__other_text A26
    B02__other_text_why F2.0
    B03 F2.0
    B04 F8.0
    B05 F2.0
    B06 F2.0
    B07 F2.0
    B08 F2.0
    B09 F2.0
    B10 F2.0
    B11__help_with_studies F2.0
    B11__join_study_team F2.0
    B11__lead_own_project F2.0
    B11__research_training F2.0
    B11__secondment F2.0
    B11__other F2.0
    B11__not_sure F2.0
    B11__other_text A26
    B11__other_text_why F2.0
    C01__patient_outcomes F2.0
    C01__topic_interest F2.0
    C01__keep_learning F2.0
    C01__organisation_profile F2.0
    C01__career_progression F2.0
    C01__service_improvement F2.0
    C01__job_satisfaction F2.0
    C01__profession_profile F2.0
    C01__working_with_others F2.0
    C01__expected_in_role F2.0
    C01__other F2.0
    C01__none F2.0
    C01__other_text A26
    C01__other_text_why F2.0
    C02__clinical_demands F2.0
    C02__no_protected_time F2.0
    C02__work_life_balance F2.0
    C02__low_confidence F2.0
    C02__limited_research_culture F2.0
    C02__limited_facilities F2.0
    C02__no_funding F2.0
    C02__no_manager_support F2.0
    C02__no_mentor F2.0
    C02__dont_know_where_to_start F2.0
    C02__complex_approvals F2.0
    C02__no_training F2.0
    C02__no_admin_stats_support F2.0
    C02__not_valued F2.0
    C02__other F2.0
    C02__none F2.0
    C02__other_text A23
    C02__other_text_why F2.0
    C03__protected_time F2.0
    C03__backfill F2.0
    C03__mentorship F2.0
    C03__training F2.0
    C03__small_project_funding F2.0
    C03__rd_office_support F2.0
    C03__manager_support F2.0
    C03__admin_stats_support F2.0
    C03__university_links F2.0
    C03__career_pathway F2.0
    C03__peer_network F2.0
    C03__recognition F2.0
    C03__other F2.0
    C03__none F2.0
    C03__other_text A26
    C03__other_text_why F2.0
    C04 F2.0
    C05 F2.0
    D01a F2.0
    D01b F2.0
    D01c F2.0
    D01d F2.0
    D01e F2.0
    D01f F2.0
    D01g F2.0
    D01h F2.0
    D02 F2.0
    D03__rd_office F2.0
    D03__intranet F2.0
    D03__manager F2.0
    D03__colleagues F2.0
    D03__professional_network F2.0
    D03__university F2.0
    D03__social_media F2.0
    D03__other F2.0
    D03__not_hearing F2.0
    D03__other_text A26
    D03__other_text_why F2.0
    D04 F2.0
    D05 A26
    D05_why F2.0
    E01 F2.0
    E02 F2.0
    E03 F2.0
    E04 F2.0
    E05 F2.0
    E06 F2.0
    E07 F2.0
    E07__other_text A23
    E07__other_text_why F2.0
    E08 A26
    E08_why F2.0.

VARIABLE LABELS
  response_id 'Response id'
  /trust_code 'Trust code'
  /activity_level 'Trust research activity'
  /role_group 'Role group'
  /research_active 'Research active'
  /senior 'Senior staff'
  /status 'Status'
  /completion_ratio 'Completion ratio'
  /A01 'Which of these best describes your main job?'
  /A02 'What is your grade or pay band?'
  /A03 'How long have you worked in health services?'
  /A04 'Where do you mainly work?'
  /A04__other_text 'Work setting: Somewhere else (please specify)'
  /A04__other_text_why 'Why empty: Work setting: Somewhere else (please specify)'
  /A05 'Which area of care do you mainly work in?'
  /A05__other_text 'Clinical area: Another area (please specify)'
  /A05__other_text_why 'Why empty: Clinical area: Another area (please specify)'
  /A06 'Do you work full time or part time?'
  /B01 'Have you been involved in research in the last 2 years?'
  /B02__chief_investigator 'Research activities: Led a study as chief investigator'
  /B02__principal_investigator 'Research activities: Led a study at my site as principal inv' +
    'estigator'
  /B02__co_investigator 'Research activities: Worked on a study as a co-investigator'
  /B02__recruiting_participants 'Research activities: Found and recruited participants'
  /B02__collecting_data 'Research activities: Collected data'
  /B02__research_delivery 'Research…: Delivered or supported studies, for example as ' +
    'a research nurse'
  /B02__grant_writing 'Research activities: Applied for research funding'
  /B02__publishing 'Research activities: Wrote up or published research'
  /B02__supervising 'Research activities: Supervised other people''s research'
  /B02__other 'Research activities: Something else'
  /B02__other_text 'Research activities: Something else (please specify)'
  /B02__other_text_why 'Why empty: Research activities: Something else (please speci' +
    'fy)'
  /B03 'Do you have protected time for research?'
  /B04 'In a typical month, about how many hours do you spend on res' +
    'earch?'
  /B05 'How often do you do research in your own time?'
  /B06 'Is research part of your job description?'
  /B07 'What is your highest research qualification or training?'
  /B08 'Have you ever applied for research funding or a research fel' +
    'lowship?'
  /B09 'Do you have a contract with a university, such as an honorar' +
    'y or joint post?'
  /B10 'Would you like to be more involved in research?'
  /B11__help_with_studies 'Research wanted: Help with studies, such as recruiting parti' +
    'cipants or…'
  /B11__join_study_team 'Research wanted: Join a research team'
  /B11__lead_own_project 'Research wanted: Lead a small project of my own'
  /B11__research_training 'Research wanted: Do research training or a research qualific' +
    'ation'
  /B11__secondment 'Research wanted: Spend some time working in a research role'
  /B11__other 'Research wanted: Something else'
  /B11__not_sure 'Research wanted: I''m not sure yet'
  /B11__other_text 'Research wanted: Something else (please specify)'
  /B11__other_text_why 'Why empty: Research wanted: Something else (please specify)'
  /C01__patient_outcomes 'Motivators: Improving patients'' experience and outcomes'
  /C01__topic_interest 'Motivators: Personal interest in a research topic'
  /C01__keep_learning 'Motivators: The chance to keep learning'
  /C01__organisation_profile 'Motivators: Raising the profile of my department or organisa' +
    'tion'
  /C01__career_progression 'Motivators: Moving on in my career'
  /C01__service_improvement 'Motivators: Finding better ways of running my service'
  /C01__job_satisfaction 'Motivators: More job satisfaction and variety'
  /C01__profession_profile 'Motivators: Raising the profile of my profession'
  /C01__working_with_others 'Motivators: Working with other teams or universities'
  /C01__expected_in_role 'Motivators: It is expected in my role'
  /C01__other 'Motivators: Something else'
  /C01__none 'Motivators: None of these'
  /C01__other_text 'Motivators: Something else (please specify)'
  /C01__other_text_why 'Why empty: Motivators: Something else (please specify)'
  /C02__clinical_demands 'Barriers: Pressure from clinical work'
  /C02__no_protected_time 'Barriers: No protected time for research'
  /C02__work_life_balance 'Barriers: Balancing work with life outside work'
  /C02__low_confidence 'Barriers: Not feeling confident in my research knowledge and' +
    ' skills'
  /C02__limited_research_culture 'Barriers: Research is not part of the culture in my team or ' +
    'organisation'
  /C02__limited_facilities 'Barriers: Little access to research facilities, such as spac' +
    'e or equipment'
  /C02__no_funding 'Barriers: Lack of funding'
  /C02__no_manager_support 'Barriers: Lack of support from my manager'
  /C02__no_mentor 'Barriers: No mentor or experienced researcher to guide me'
  /C02__dont_know_where_to_start 'Barriers: Not knowing where to start or who to contact'
  /C02__complex_approvals 'Barriers: Complicated approval processes'
  /C02__no_training 'Barriers: Few chances to get research training'
  /C02__no_admin_stats_support 'Barriers: Lack of help with admin or statistics'
  /C02__not_valued 'Barriers: Research is not valued in my role or career'
  /C02__other 'Barriers: Something else'
  /C02__none 'Barriers: Nothing gets in the way'
  /C02__other_text 'Barriers: Something else (please specify)'
  /C02__other_text_why 'Why empty: Barriers: Something else (please specify)'
  /C03__protected_time 'Enablers: Protected research time in my job plan'
  /C03__backfill 'Enablers: Someone to cover my usual work while I do research'
  /C03__mentorship 'Enablers: A mentor or experienced researcher to guide me'
  /C03__training 'Enablers: Research training'
  /C03__small_project_funding 'Enablers: Funding for small projects'
  /C03__rd_office_support 'Enablers: Help from the R&D office'
  /C03__manager_support 'Enablers: Support from my manager'
  /C03__admin_stats_support 'Enablers: Help with admin, data or statistics'
  /C03__university_links 'Enablers: Links with a university'
  /C03__career_pathway 'Enablers: A clear research career path for my profession'
  /C03__peer_network 'Enablers: A network of colleagues interested in research'
  /C03__recognition 'Enablers: Research being recognised in appraisals and promot' +
    'ion'
  /C03__other 'Enablers: Something else'
  /C03__none 'Enablers: None of these'
  /C03__other_text 'Enablers: Something else (please specify)'
  /C03__other_text_why 'Why empty: Enablers: Something else (please specify)'
  /C04 'Do you think more research training would help staff like yo' +
    'u take part in…'
  /C05 'Would you like a mentor to support you with research?'
  /D01a 'Senior leaders in my organisation value research.'
  /D01b 'My organisation sees research and evaluation as part of its ' +
    'everyday work.'
  /D01c 'My manager supports me to make time for research.'
  /D01d 'I know who to contact about getting involved in research.'
  /D01e 'Research opportunities are advertised to staff like me.'
  /D01f 'I can get research training if I want it.'
  /D01g 'I know what my organisation''s research strategy is.'
  /D01h 'Research is taken into account when staff are promoted.'
  /D02 'Did you know that your organisation has a research and devel' +
    'opment (R&D) office?'
  /D03__rd_office 'Hearing about opportunities: Emails or newsletters from the ' +
    'R&D office'
  /D03__intranet 'Hearing about opportunities: The staff intranet'
  /D03__manager 'Hearing about opportunities: My manager'
  /D03__colleagues 'Hearing about opportunities: Colleagues'
  /D03__professional_network 'Hearing about opportunities: My professional body or network'
  /D03__university 'Hearing about opportunities: A university'
  /D03__social_media 'Hearing about opportunities: Social media'
  /D03__other 'Hearing about opportunities: Somewhere else'
  /D03__not_hearing 'Hearing about opportunities: I do not hear about research op' +
    'portunities'
  /D03__other_text 'Hearing about opportunities: Somewhere else (please specify)'
  /D03__other_text_why 'Why empty: Hearing about opportunities: Somewhere else (plea' +
    'se specify)'
  /D04 'Did you talk about research at your last appraisal?'
  /D05 'Is there anything else you want to tell us about research in' +
    ' your organisation?'
  /D05_why 'Why empty: Is there anything else you want to tell us about ' +
    'research in your…'
  /E01 'Is research part of your organisation''s overall strategy?'
  /E02 'Is research part of your organisation''s clinical strategy?'
  /E03 'Is research a regular item on your board''s agenda?'
  /E04 'Does your board get regular reports on research and what it ' +
    'achieves for…'
  /E05 'Is research included in your organisation''s workforce planni' +
    'ng?'
  /E06 'Is research time written into clinical staff''s job plans?'
  /E07 'Where should your organisation invest first to support resea' +
    'rch?'
  /E07__other_text 'Investment priority: Something else (please specify)'
  /E07__other_text_why 'Why empty: Investment priority: Something else (please speci' +
    'fy)'
  /E08 'Is there anything else you want to tell us about research an' +
    'd your…'
  /E08_why 'Why empty: Is there anything else you want to tell us about ' +
    'research and your…'.

VALUE LABELS
  activity_level
    1 'More research-active'
    2 'Less research-active'
    -9 'Not known'
  /role_group
    1 'Medical and dental'
    2 'Nursing and midwifery'
    3 'Allied health professions'
    4 'Other clinical'
    5 'Non-clinical'
    6 'Research staff'
    -9 'Not known'
  /research_active
    1 'Yes'
    2 'No'
    -9 'Not known'
  /senior
    1 'Senior'
    2 'Not senior'
    -9 'Not known'
  /status
    1 'Fully completed (submitted)'
    2 'Partial (not submitted)'
  /A01
    1 'Consultant doctor'
    2 'Doctor in training, such as a foundation, core or specialty ' +
      'trainee'
    3 'Other doctor, such as a specialty, specialist or associate s' +
      'pecialist (SAS) doctor or GP'
    4 'Dentist'
    5 'Nurse'
    6 'Midwife'
    7 'Health visitor or community nurse'
    8 'Physiotherapist'
    9 'Occupational therapist'
    10 'Radiographer'
    11 'Other allied health professional, such as a dietitian, speec' +
      'h and language therapist or paramedic'
    12 'Pharmacist or pharmacy technician'
    13 'Healthcare scientist'
    14 'Psychologist or psychological therapist'
    15 'Other clinical role'
    16 'Research nurse, research midwife or research practitioner'
    17 'Research manager, coordinator or other research support role'
    18 'Manager or administrator'
    19 'Other non-clinical role'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A02
    1 'Band 2, 3 or 4'
    2 'Band 5'
    3 'Band 6'
    4 'Band 7'
    5 'Band 8a'
    6 'Band 8b, 8c or 8d'
    7 'Band 9'
    8 'Foundation doctor'
    9 'Doctor in core or specialty training'
    10 'Specialty, specialist or associate specialist (SAS) doctor'
    11 'Consultant'
    12 'Clinical director'
    13 'Executive director or board member'
    14 'Other grade or not sure'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A03
    1 'Less than 2 years'
    2 '2 to 5 years'
    3 '6 to 10 years'
    4 '11 to 20 years'
    5 'More than 20 years'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A04
    1 'Acute hospital'
    2 'Community services'
    3 'Mental health services'
    4 'Primary care, such as a GP practice'
    5 'Somewhere else'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A04__other_text_why
    0 'Not empty: see A04__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A05
    1 'Cancer'
    2 'Heart and circulation'
    3 'Children and young people'
    4 'Emergency, urgent or critical care'
    5 'Maternity'
    6 'Mental health'
    7 'Long-term conditions, such as diabetes or breathing problems'
    8 'Older people'
    9 'Surgery and theatres'
    10 'Diagnostics, such as imaging or laboratory services'
    11 'Rehabilitation and therapies'
    12 'I work across several areas'
    13 'I do not work in a clinical area'
    14 'Another area'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A05__other_text_why
    0 'Not empty: see A05__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /A06
    1 'Full time'
    2 'Part time'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B01
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /B02__chief_investigator B02__principal_investigator B02__co_investigator
    B02__recruiting_participants B02__collecting_data B02__research_delivery
    B02__grant_writing B02__publishing B02__supervising B02__other
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B02__other_text_why
    0 'Not empty: see B02__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B03
    1 'Yes, it is agreed in my job plan or contract'
    2 'Yes, agreed informally with my manager'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B04
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B05
    1 'Often'
    2 'Sometimes'
    3 'Rarely'
    4 'Never'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B06
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /B07
    1 'I have no research qualification or training'
    2 'Research methods as part of a degree'
    3 'A short course, such as good clinical practice (GCP) trainin' +
      'g'
    4 'Postgraduate certificate or diploma that includes research'
    5 'Master''s degree that includes research'
    6 'Doctorate, such as a PhD, MD or professional doctorate'
    7 'Post-doctoral research experience'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B08
    1 'Yes, and at least one application was successful'
    2 'Yes, but none have been successful yet'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B09
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /B10
    1 'Yes'
    2 'Maybe'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B11__help_with_studies B11__join_study_team B11__lead_own_project
    B11__research_training B11__secondment B11__other
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'I''m not sure yet'
  /B11__not_sure
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B11__other_text_why
    0 'Not empty: see B11__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C01__patient_outcomes C01__topic_interest C01__keep_learning
    C01__organisation_profile C01__career_progression
    C01__service_improvement C01__job_satisfaction C01__profession_profile
    C01__working_with_others C01__expected_in_role C01__other C01__none
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C01__other_text_why
    0 'Not empty: see C01__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C02__clinical_demands C02__no_protected_time C02__work_life_balance
    C02__low_confidence C02__limited_research_culture
    C02__limited_facilities C02__no_funding C02__no_manager_support
    C02__no_mentor C02__dont_know_where_to_start C02__complex_approvals
    C02__no_training C02__no_admin_stats_support C02__not_valued C02__other
    C02__none
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C02__other_text_why
    0 'Not empty: see C02__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C03__protected_time C03__backfill C03__mentorship C03__training
    C03__small_project_funding C03__rd_office_support C03__manager_support
    C03__admin_stats_support C03__university_links C03__career_pathway
    C03__peer_network C03__recognition C03__other C03__none
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C03__other_text_why
    0 'Not empty: see C03__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /C04
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /C05
    1 'Yes'
    2 'I already have one'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /D01a D01b D01c D01d D01e D01f D01g D01h
    1 'Strongly disagree'
    2 'Disagree'
    3 'Neither agree nor disagree'
    4 'Agree'
    5 'Strongly agree'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Don''t know'
  /D02
    1 'Yes, and I have been in touch with them'
    2 'Yes, but I have not been in touch with them'
    3 'No, I did not know'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /D03__rd_office D03__intranet D03__manager D03__colleagues
    D03__professional_network D03__university D03__social_media D03__other
    D03__not_hearing
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /D03__other_text_why
    0 'Not empty: see D03__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /D04
    1 'Yes'
    2 'No'
    3 'I have not had an appraisal in the last year'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /D05_why
    0 'Not empty: see D05'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /E01 E02
    1 'Yes, as a main priority'
    2 'Yes, but not as a main priority'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /E03
    1 'Yes, at every meeting'
    2 'Sometimes, but not as a regular item'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /E04
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /E05
    1 'Yes'
    2 'Partly'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /E06
    1 'Yes, for most clinical roles'
    2 'Yes, but only for some roles, such as consultants'
    3 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /E07
    1 'Protected research time for staff'
    2 'Cover for staff who do research'
    3 'Research training'
    4 'Mentoring and research leadership roles'
    5 'Funding for small projects'
    6 'More staff and support in the R&D office'
    7 'Research facilities and equipment'
    8 'Partnerships with universities'
    9 'Something else'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /E07__other_text_why
    0 'Not empty: see E07__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /E08_why
    0 'Not empty: see E08'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'.

MISSING VALUES
  activity_level role_group research_active senior A01 A02 A03 A04
    A04__other_text_why A05 A05__other_text_why A06 B01
    B02__chief_investigator B02__principal_investigator B02__co_investigator
    B02__recruiting_participants B02__collecting_data B02__research_delivery
    B02__grant_writing B02__publishing B02__supervising B02__other
    B02__other_text_why B03 B04 B05 B06 B07 B08 B09 B10
    B11__help_with_studies B11__join_study_team B11__lead_own_project
    B11__research_training B11__secondment B11__other B11__not_sure
    B11__other_text_why C01__patient_outcomes C01__topic_interest
    C01__keep_learning C01__organisation_profile C01__career_progression
    C01__service_improvement C01__job_satisfaction C01__profession_profile
    C01__working_with_others C01__expected_in_role C01__other C01__none
    C01__other_text_why C02__clinical_demands C02__no_protected_time
    C02__work_life_balance C02__low_confidence C02__limited_research_culture
    C02__limited_facilities C02__no_funding C02__no_manager_support
    C02__no_mentor C02__dont_know_where_to_start C02__complex_approvals
    C02__no_training C02__no_admin_stats_support C02__not_valued C02__other
    C02__none C02__other_text_why C03__protected_time C03__backfill
    C03__mentorship C03__training C03__small_project_funding
    C03__rd_office_support C03__manager_support C03__admin_stats_support
    C03__university_links C03__career_pathway C03__peer_network
    C03__recognition C03__other C03__none C03__other_text_why C04 C05 D01a
    D01b D01c D01d D01e D01f D01g D01h D02 D03__rd_office D03__intranet
    D03__manager D03__colleagues D03__professional_network D03__university
    D03__social_media D03__other D03__not_hearing D03__other_text_why D04
    D05_why E01 E02 E03 E04 E05 E06 E07 E07__other_text_why E08_why (LO THRU -1).

VARIABLE LEVEL
  response_id trust_code activity_level role_group research_active senior
    status A01 A02 A03 A04 A04__other_text A04__other_text_why A05
    A05__other_text A05__other_text_why A06 B01 B02__chief_investigator
    B02__principal_investigator B02__co_investigator
    B02__recruiting_participants B02__collecting_data B02__research_delivery
    B02__grant_writing B02__publishing B02__supervising B02__other
    B02__other_text B02__other_text_why B03 B05 B06 B07 B08 B09 B10
    B11__help_with_studies B11__join_study_team B11__lead_own_project
    B11__research_training B11__secondment B11__other B11__not_sure
    B11__other_text B11__other_text_why C01__patient_outcomes
    C01__topic_interest C01__keep_learning C01__organisation_profile
    C01__career_progression C01__service_improvement C01__job_satisfaction
    C01__profession_profile C01__working_with_others C01__expected_in_role
    C01__other C01__none C01__other_text C01__other_text_why
    C02__clinical_demands C02__no_protected_time C02__work_life_balance
    C02__low_confidence C02__limited_research_culture
    C02__limited_facilities C02__no_funding C02__no_manager_support
    C02__no_mentor C02__dont_know_where_to_start C02__complex_approvals
    C02__no_training C02__no_admin_stats_support C02__not_valued C02__other
    C02__none C02__other_text C02__other_text_why C03__protected_time
    C03__backfill C03__mentorship C03__training C03__small_project_funding
    C03__rd_office_support C03__manager_support C03__admin_stats_support
    C03__university_links C03__career_pathway C03__peer_network
    C03__recognition C03__other C03__none C03__other_text
    C03__other_text_why C04 C05 D02 D03__rd_office D03__intranet
    D03__manager D03__colleagues D03__professional_network D03__university
    D03__social_media D03__other D03__not_hearing D03__other_text
    D03__other_text_why D04 D05 D05_why E01 E02 E03 E04 E05 E06 E07
    E07__other_text E07__other_text_why E08 E08_why (NOMINAL)
  /D01a D01b D01c D01d D01e D01f D01g D01h (ORDINAL)
  /completion_ratio B04 (SCALE).

VARIABLE ATTRIBUTE
  VARIABLES=role_group ATTRIBUTE=Question('Groups of the answer to A01')
  /VARIABLES=research_active ATTRIBUTE=Question('yes when B01 (Involved in research) is “Yes” (yes)')
  /VARIABLES=senior ATTRIBUTE=Question('Groups of the answer to A02')
  /VARIABLES=A01 ATTRIBUTE=Question('Which of these best describes your main job?')
  /VARIABLES=A02 ATTRIBUTE=Question('What is your grade or pay band?')
  /VARIABLES=A03 ATTRIBUTE=Question('How long have you worked in health services?')
  /VARIABLES=A04 ATTRIBUTE=Question('Where do you mainly work?')
  /VARIABLES=A04__other_text ATTRIBUTE=Question('Where do you mainly work?')
  /VARIABLES=A05 ATTRIBUTE=Question('Which area of care do you mainly work in?')
  /VARIABLES=A05__other_text ATTRIBUTE=Question('Which area of care do you mainly work in?')
  /VARIABLES=A06 ATTRIBUTE=Question('Do you work full time or part time?')
  /VARIABLES=B01 ATTRIBUTE=Question('Have you been involved in research in the last 2 years?')
  /VARIABLES=B02__chief_investigator ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__principal_investigator ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__co_investigator ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__recruiting_participants ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__collecting_data ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__research_delivery ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__grant_writing ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__publishing ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__supervising ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__other ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B02__other_text ATTRIBUTE=Question('What have you done in research in the last 2 years?')
  /VARIABLES=B03 ATTRIBUTE=Question('Do you have protected time for research?')
  /VARIABLES=B04 ATTRIBUTE=Question('In a typical month, about how many hours do you spend on res' +
      'earch?')
  /VARIABLES=B05 ATTRIBUTE=Question('How often do you do research in your own time?')
  /VARIABLES=B06 ATTRIBUTE=Question('Is research part of your job description?')
  /VARIABLES=B07 ATTRIBUTE=Question('What is your highest research qualification or training?')
  /VARIABLES=B08 ATTRIBUTE=Question('Have you ever applied for research funding or a research fel' +
      'lowship?')
  /VARIABLES=B09 ATTRIBUTE=Question('Do you have a contract with a university, such as an honorar' +
      'y or joint post?')
  /VARIABLES=B10 ATTRIBUTE=Question('Would you like to be more involved in research?')
  /VARIABLES=B11__help_with_studies ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__join_study_team ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__lead_own_project ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__research_training ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__secondment ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__other ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__not_sure ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=B11__other_text ATTRIBUTE=Question('What would you like to do?')
  /VARIABLES=C01__patient_outcomes ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__topic_interest ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__keep_learning ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__organisation_profile ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__career_progression ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__service_improvement ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__job_satisfaction ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__profession_profile ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__working_with_others ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__expected_in_role ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__other ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__none ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C01__other_text ATTRIBUTE=Question('What motivates you, or would motivate you, to take part in r' +
      'esearch?')
  /VARIABLES=C02__clinical_demands ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_protected_time ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__work_life_balance ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__low_confidence ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__limited_research_culture ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__limited_facilities ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_funding ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_manager_support ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_mentor ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__dont_know_where_to_start ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__complex_approvals ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_training ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__no_admin_stats_support ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__not_valued ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__other ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__none ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C02__other_text ATTRIBUTE=Question('What stops you taking part in research, or makes it harder?')
  /VARIABLES=C03__protected_time ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__backfill ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__mentorship ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__training ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__small_project_funding ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__rd_office_support ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__manager_support ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__admin_stats_support ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__university_links ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__career_pathway ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__peer_network ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__recognition ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__other ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__none ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C03__other_text ATTRIBUTE=Question('What would help you take part in research, or do more of it?')
  /VARIABLES=C04 ATTRIBUTE=Question('Do you think more research training would help staff like yo' +
      'u take part in research?')
  /VARIABLES=C05 ATTRIBUTE=Question('Would you like a mentor to support you with research?')
  /VARIABLES=D01a ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — Senior leaders in my organisation value researc' +
      'h.')
  /VARIABLES=D01b ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — My organisation sees research and evaluation as' +
      ' part of its everyday work.')
  /VARIABLES=D01c ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — My manager supports me to make time for researc' +
      'h.')
  /VARIABLES=D01d ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — I know who to contact about getting involved in' +
      ' research.')
  /VARIABLES=D01e ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — Research opportunities are advertised to staff ' +
      'like me.')
  /VARIABLES=D01f ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — I can get research training if I want it.')
  /VARIABLES=D01g ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — I know what my organisation''s research strategy' +
      ' is.')
  /VARIABLES=D01h ATTRIBUTE=Question('How much do you agree with these statements about your organ' +
      'isation? — Research is taken into account when staff are p' +
      'romoted.')
  /VARIABLES=D02 ATTRIBUTE=Question('Did you know that your organisation has a research and devel' +
      'opment (R&D) office?')
  /VARIABLES=D03__rd_office ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__intranet ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__manager ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__colleagues ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__professional_network ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__university ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__social_media ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__other ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__not_hearing ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D03__other_text ATTRIBUTE=Question('How do you hear about research opportunities?')
  /VARIABLES=D04 ATTRIBUTE=Question('Did you talk about research at your last appraisal?')
  /VARIABLES=D05 ATTRIBUTE=Question('Is there anything else you want to tell us about research in' +
      ' your organisation?')
  /VARIABLES=E01 ATTRIBUTE=Question('Is research part of your organisation''s overall strategy?')
  /VARIABLES=E02 ATTRIBUTE=Question('Is research part of your organisation''s clinical strategy?')
  /VARIABLES=E03 ATTRIBUTE=Question('Is research a regular item on your board''s agenda?')
  /VARIABLES=E04 ATTRIBUTE=Question('Does your board get regular reports on research and what it ' +
      'achieves for patients?')
  /VARIABLES=E05 ATTRIBUTE=Question('Is research included in your organisation''s workforce planni' +
      'ng?')
  /VARIABLES=E06 ATTRIBUTE=Question('Is research time written into clinical staff''s job plans?')
  /VARIABLES=E07 ATTRIBUTE=Question('Where should your organisation invest first to support resea' +
      'rch?')
  /VARIABLES=E07__other_text ATTRIBUTE=Question('Where should your organisation invest first to support resea' +
      'rch?')
  /VARIABLES=E08 ATTRIBUTE=Question('Is there anything else you want to tell us about research an' +
      'd your organisation''s strategy?').

FILE LABEL 'Research engagement 2026'.

ADD DOCUMENT
  'Research Pulse: the data of the review “Research engagemen' +
    't 2026”'
  '  (wave-2) for SPSS, with variable labels, value labels and ' +
    'missing values.'
  ''
  'Run this file in SPSS or PSPP with wave-2.csv in the working' +
    ' folder (or put'
  '  the folder in front of the name on the GET DATA line). It ' +
    'saves wave-2.sav'
  '  there.'
  ''
  'wave-2.csv holds one line per response (59); wave-2-codebook' +
    '.csv one row per'
  '  variable: its question, values, the Data sheet''s code for ' +
    'each value, and'
  '  its missing-value codes.'
  ''
  'Options are numbered by their position in the questionnaire''' +
    's list of the'
  '  item''s options, from 1, and breakdown groups by their posi' +
    'tion in the'
  '  dimension. A multiple choice item has one 0/1 variable per' +
    ' option. Text'
  '  starting with = + - @ has an apostrophe added, as in the w' +
    'orkbook, and line'
  '  breaks in text are spaces.'
  ''
  'Missing-value codes: -1 Not shown (routed away); -2 Shown, n' +
    'ot answered; -3'
  '  Not reached (stopped before this page); -4 Cleared after a' +
    ' change of route;'
  '  -5, -6… an option marked missing, such as Don''t know (th' +
    'e codebook names'
  '  each); -9 Not known, in the activity level and breakdown g' +
    'roups. A text, or'
  '  a number that can be negative, is empty when there is no a' +
    'nswer, and the'
  '  variable after it, named …_why, holds the code.'
  ''
  'Every code is declared a missing value (LO THRU -1), and lab' +
    'elled.'
  ''
  'Review, Title: Research engagement 2026'
  'Review, Slug: wave-2'
  'Review, Status: closed'
  'Review, Window opens (UTC): 2026-11-02T09:00:00Z'
  'Review, Window closes (UTC): 2026-12-14T17:00:00Z'
  'Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN act' +
    'ivity quintile'
  '  4: less research-active'
  'Trust, RM1: Northfield Teaching Hospitals NHS Trust; england' +
    '; CRN activity'
  '  quintile 1: more research-active'
  'Questionnaire, Id: research-engagement'
  'Questionnaire, Version: 2026.1'
  'Questionnaire, Title: Research engagement review'
  'Questionnaire, SHA-256 of the file:'
  '  af68d1fe7691917cc8bfe9aeb35cd0142b30283ffccd08be083526e7b5' +
    '6ebeff'
  'Questionnaire, Items: 42 (each grid statement counts as one)'
  'Rules, Exclusion rules version: 1'
  'Rules, Completion unit: items: each grid statement counts as' +
    ' one'
  'Rules, Completion threshold: 30%: a response not submitted i' +
    's kept when its'
  '  completion ratio is at or above it'
  'Rules, Required items: A01'
  'Rules, Exclude preview and test responses: yes'
  'Rules, Exclude duplicates: yes'
  'Rules, Exclude responses outside the window: yes'
  'Rules, Screen out: no'
  'Rules, Suppression k: 5: a published cell rests on at least ' +
    '5 respondents,'
  '  and further cells are hidden so that no hidden value can b' +
    'e worked out'
  'Rules, Reason test: a preview or test response'
  'Rules, Reason outside_window: started or submitted outside t' +
    'he review window'
  'Rules, Reason duplicate: a duplicate of an earlier submitted' +
    ' response'
  'Rules, Reason required_missing: a required item not answered' +
    ' (A01)'
  'Rules, Reason below_threshold: partial, below 30% completion'
  'Flow, Received: 70'
  'Flow, Excluded: 11'
  'Flow, Included: 59'
  'Flow, Fully completed: 39'
  'Flow, Partial, at or above the threshold: 20'
  'Export, The data holds: the included responses, 59 rows'
  'Export, Exported at (UTC): 2026-12-15T08:30:00Z'
  'Export, Software: pulse test'
  'Export, Analysis method version: 1'.

SAVE OUTFILE='wave-2.sav'
  /COMPRESSED.
