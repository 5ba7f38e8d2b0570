* Encoding: UTF-8.
* Research Pulse: the data of the review “Clinical academic careers
*   2026” (careers-2) for SPSS, with variable labels, value labels and
*   missing values.
*
* Run this file in SPSS or PSPP with careers-2.csv in the working folder (or
*   put the folder in front of the name on the GET DATA line). It saves
*   careers-2.sav there.
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
* Every code is declared a missing value (LO THRU -1), and labelled.
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
* End of the header.

GET DATA
  /TYPE=TXT
  /FILE='careers-2.csv'
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
    staff_group F2.0
    active F2.0
    status F1.0
    completion_ratio F6.4
    R01 F2.0
    R01__other_text A26
    R01__other_text_why F2.0
    R02 F2.0
    R03 F2.0
    R04 F8.0
    R05 F2.0
    S01 F2.0
    S02__ci F2.0
    S02__pi F2.0
    S02__recruit F2.0
    S02__data F2.0
    S02__other F2.0
    S02__other_text A26
    S02__other_text_why F2.0
    S03 F2.0
    S04 F8.2
    L01 A12
    L01_why F2.0
    L02 F2.0
    M01__patients F2.0
    M01__learning F2.0
    M01__career F2.0
    M01__curiosity F2.0
    M01__team F2.0
    M01__none F2.0
    M01__dont_know F2.0
    M02 F2.0
    G01a F2.0
    G01b F2.0
    G01c F2.0
    G01d F2.0
    G02 F2.0
    B01__time F2.0
    B01__funding F2.0
    B01__confidence F2.0
    B01__culture F2.0
    B01__other F2.0
    B01__nothing F2.0
    B01__other_text A23
    B01__other_text_why F2.0
    B02 A26
    B02_why F2.0.

VARIABLE LABELS
  response_id 'Response id'
  /trust_code 'Trust code'
  /activity_level 'Trust research activity'
  /staff_group 'Staff group'
  /active 'Research active'
  /status 'Status'
  /completion_ratio 'Completion ratio'
  /R01 'Which staff group are you in?'
  /R01__other_text 'Staff group: Another group (please specify)'
  /R01__other_text_why 'Why empty: Staff group: Another group (please specify)'
  /R02 'What is your grade?'
  /R03 'What is your band?'
  /R04 'How many years have you been qualified?'
  /R05 'Have you mentored anyone in research?'
  /S01 'Are you involved in research now?'
  /S02__ci 'Research roles: Chief investigator'
  /S02__pi 'Research roles: Principal investigator'
  /S02__recruit 'Research roles: Recruit participants'
  /S02__data 'Research roles: Collect data'
  /S02__other 'Research roles: Something else'
  /S02__other_text 'Research roles: Something else (please specify)'
  /S02__other_text_why 'Why empty: Research roles: Something else (please specify)'
  /S03 'How many studies have you led?'
  /S04 'How many hours a week do you spend leading research?'
  /L01 'What is your research leadership role?'
  /L01_why 'Why empty: What is your research leadership role?'
  /L02 'Is your leadership time protected?'
  /M01__patients 'Motivators: Better care for patients'
  /M01__learning 'Motivators: Learning new skills'
  /M01__career 'Motivators: Career progression'
  /M01__curiosity 'Motivators: Curiosity'
  /M01__team 'Motivators: Working in a team'
  /M01__none 'Motivators: None of these'
  /M01__dont_know 'Motivators: Don''t know'
  /M02 'Which of these motivates you most?'
  /G01a 'My organisation values research.'
  /G01b 'My manager gives me time for research.'
  /G01c 'I know where to get research advice.'
  /G01d 'My research is recognised in my appraisal.'
  /G02 'I do not feel confident enough to do research.'
  /B01__time 'Barriers: No protected time'
  /B01__funding 'Barriers: No funding'
  /B01__confidence 'Barriers: Lack of confidence'
  /B01__culture 'Barriers: Research is not part of the culture'
  /B01__other 'Barriers: Something else'
  /B01__nothing 'Barriers: Nothing gets in the way'
  /B01__other_text 'Barriers: Something else (please specify)'
  /B01__other_text_why 'Why empty: Barriers: Something else (please specify)'
  /B02 'Tell us more about what gets in the way.'
  /B02_why 'Why empty: Tell us more about what gets in the way.'.

VALUE LABELS
  activity_level
    1 'More research-active'
    2 'Less research-active'
    -9 'Not known'
  /staff_group
    1 'Clinical'
    2 'Non-clinical'
    3 'Student'
    -9 'Not known'
  /active
    1 'Yes'
    2 'No'
    -9 'Not known'
  /status
    1 'Fully completed (submitted)'
    2 'Partial (not submitted)'
  /R01
    1 'Doctor'
    2 'Nurse or midwife'
    3 'Allied health professional'
    4 'Healthcare scientist'
    5 'Administrative or managerial'
    6 'Student on placement'
    7 'Another group'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /R01__other_text_why
    0 'Not empty: see R01__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /R02
    1 'Foundation'
    2 'Registrar'
    3 'Consultant'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /R03
    1 'Band 5'
    2 'Band 6'
    3 'Band 7'
    4 'Band 8 or above'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /R04
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /R05
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Don''t know'
  /S01
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Not sure'
  /S02__ci S02__pi S02__recruit S02__data S02__other
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /S02__other_text_why
    0 'Not empty: see S02__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /S03
    1 'One'
    2 'Two to five'
    3 'Six or more'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /S04
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /L01_why
    0 'Not empty: see L01'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /L02
    1 'Yes'
    2 'No'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /M01__patients M01__learning M01__career M01__curiosity M01__team
    M01__none
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Don''t know'
  /M01__dont_know
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /M02
    1 'Better care for patients'
    2 'Learning new skills'
    3 'Career progression'
    4 'Curiosity'
    5 'Working in a team'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'I can''t choose'
  /G01a G01b G01c G01d G02
    1 'Strongly disagree'
    2 'Disagree'
    3 'Agree'
    4 'Strongly agree'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
    -5 'Don''t know'
  /B01__time B01__funding B01__confidence B01__culture B01__other
    B01__nothing
    0 'Not selected'
    1 'Selected'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B01__other_text_why
    0 'Not empty: see B01__other_text'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'
  /B02_why
    0 'Not empty: see B02'
    -1 'Not shown (routed away)'
    -2 'Shown, not answered'
    -3 'Not reached (stopped before this page)'
    -4 'Cleared after a change of route'.

MISSING VALUES
  activity_level staff_group active R01 R01__other_text_why R02 R03 R04
    R05 S01 S02__ci S02__pi S02__recruit S02__data S02__other
    S02__other_text_why S03 S04 L01_why L02 M01__patients M01__learning
    M01__career M01__curiosity M01__team M01__none M01__dont_know M02 G01a
    G01b G01c G01d G02 B01__time B01__funding B01__confidence B01__culture
    B01__other B01__nothing B01__other_text_why B02_why (LO THRU -1).

VARIABLE LEVEL
  response_id trust_code activity_level staff_group active status R01
    R01__other_text R01__other_text_why R02 R03 R05 S01 S02__ci S02__pi
    S02__recruit S02__data S02__other S02__other_text S02__other_text_why
    S03 L01 L01_why L02 M01__patients M01__learning M01__career
    M01__curiosity M01__team M01__none M01__dont_know M02 B01__time
    B01__funding B01__confidence B01__culture B01__other B01__nothing
    B01__other_text B01__other_text_why B02 B02_why (NOMINAL)
  /G01a G01b G01c G01d G02 (ORDINAL)
  /completion_ratio R04 S04 (SCALE).

VARIABLE ATTRIBUTE
  VARIABLES=staff_group ATTRIBUTE=Question('Groups of the answer to R01')
  /VARIABLES=active ATTRIBUTE=Question('yes when S01 (Research involvement) is “Yes” (yes)')
  /VARIABLES=R01 ATTRIBUTE=Question('Which staff group are you in?')
  /VARIABLES=R01__other_text ATTRIBUTE=Question('Which staff group are you in?')
  /VARIABLES=R02 ATTRIBUTE=Question('What is your grade?')
  /VARIABLES=R03 ATTRIBUTE=Question('What is your band?')
  /VARIABLES=R04 ATTRIBUTE=Question('How many years have you been qualified?')
  /VARIABLES=R05 ATTRIBUTE=Question('Have you mentored anyone in research?')
  /VARIABLES=S01 ATTRIBUTE=Question('Are you involved in research now?')
  /VARIABLES=S02__ci ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S02__pi ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S02__recruit ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S02__data ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S02__other ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S02__other_text ATTRIBUTE=Question('What do you do in research?')
  /VARIABLES=S03 ATTRIBUTE=Question('How many studies have you led?')
  /VARIABLES=S04 ATTRIBUTE=Question('How many hours a week do you spend leading research?')
  /VARIABLES=L01 ATTRIBUTE=Question('What is your research leadership role?')
  /VARIABLES=L02 ATTRIBUTE=Question('Is your leadership time protected?')
  /VARIABLES=M01__patients ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__learning ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__career ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__curiosity ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__team ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__none ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M01__dont_know ATTRIBUTE=Question('What would motivate you to do research?')
  /VARIABLES=M02 ATTRIBUTE=Question('Which of these motivates you most?')
  /VARIABLES=G01a ATTRIBUTE=Question('How much do you agree with these statements? — My organisa' +
      'tion values research.')
  /VARIABLES=G01b ATTRIBUTE=Question('How much do you agree with these statements? — My manager ' +
      'gives me time for research.')
  /VARIABLES=G01c ATTRIBUTE=Question('How much do you agree with these statements? — I know wher' +
      'e to get research advice.')
  /VARIABLES=G01d ATTRIBUTE=Question('How much do you agree with these statements? — My research' +
      ' is recognised in my appraisal.')
  /VARIABLES=G02 ATTRIBUTE=Question('I do not feel confident enough to do research.')
  /VARIABLES=B01__time ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__funding ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__confidence ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__culture ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__other ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__nothing ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B01__other_text ATTRIBUTE=Question('What gets in the way of research for you?')
  /VARIABLES=B02 ATTRIBUTE=Question('Tell us more about what gets in the way.').

FILE LABEL 'Clinical academic careers 2026'.

ADD DOCUMENT
  'Research Pulse: the data of the review “Clinical academic ' +
    'careers 2026”'
  '  (careers-2) for SPSS, with variable labels, value labels a' +
    'nd missing values.'
  ''
  'Run this file in SPSS or PSPP with careers-2.csv in the work' +
    'ing folder (or'
  '  put the folder in front of the name on the GET DATA line).' +
    ' It saves'
  '  careers-2.sav there.'
  ''
  'careers-2.csv holds one line per response (40); careers-2-co' +
    'debook.csv one'
  '  row per variable: its question, values, the Data sheet''s c' +
    'ode for each'
  '  value, and its missing-value codes.'
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
  'Review, Title: Clinical academic careers 2026'
  'Review, Slug: careers-2'
  'Review, Status: closed'
  'Review, Window opens (UTC): 2026-11-02T09:00:00Z'
  'Review, Window closes (UTC): 2026-12-14T17:00:00Z'
  'Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN act' +
    'ivity quintile'
  '  4: less research-active'
  'Trust, RM1: Northfield Teaching Hospitals NHS Trust; england' +
    '; CRN activity'
  '  quintile 1: more research-active'
  'Questionnaire, Id: clinical-academic-careers'
  'Questionnaire, Version: 2026.2'
  'Questionnaire, Title: Clinical academic careers survey'
  'Questionnaire, SHA-256 of the file:'
  '  576c9cd3132f48e7952a36274b24757c11a4a9bdbb1ddc82a18dc9515e' +
    '1b3d8b'
  'Questionnaire, Items: 20 (each grid statement counts as one)'
  'Rules, Exclusion rules version: 2'
  'Rules, Completion unit: questions: a grid counts once, as an' +
    'swered when any'
  '  of its shown statements is'
  'Rules, Completion threshold: 40%: a response not submitted i' +
    's kept when its'
  '  completion ratio is at or above it'
  'Rules, Required items: R01'
  'Rules, Exclude preview and test responses: yes'
  'Rules, Exclude duplicates: yes'
  'Rules, Exclude responses outside the window: yes'
  'Rules, Screen out: yes, when R01 (Staff group) is “Student' +
    ' on placement”'
  '  (student)'
  'Rules, Suppression k: 5: a published cell rests on at least ' +
    '5 respondents,'
  '  and further cells are hidden so that no hidden value can b' +
    'e worked out'
  'Rules, Reason test: a preview or test response'
  'Rules, Reason outside_window: started or submitted outside t' +
    'he review window'
  'Rules, Reason duplicate: a duplicate of an earlier submitted' +
    ' response'
  'Rules, Reason screened_out: screened out by the questionnair' +
    'e''s screening'
  '  question'
  'Rules, Reason required_missing: a required item not answered' +
    ' (R01)'
  'Rules, Reason below_threshold: partial, below 40% completion'
  'Flow, Received: 60'
  'Flow, Excluded: 20'
  'Flow, Included: 40'
  'Flow, Fully completed: 28'
  'Flow, Partial, at or above the threshold: 12'
  'Export, The data holds: the included responses, 40 rows'
  'Export, Exported at (UTC): 2026-12-15T08:30:00Z'
  'Export, Software: pulse test'
  'Export, Analysis method version: 1'.

SAVE OUTFILE='careers-2.sav'
  /COMPRESSED.
