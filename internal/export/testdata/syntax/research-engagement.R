# Research Pulse: the data of the review “Research engagement 2026”
#   (wave-2) for R, with variable labels, value labels and missing values.
#
# Base R only, no packages to install. Run this file with source() or
#   Rscript, with wave-2.csv in the working folder (setwd): it makes the data
#   frame responses.
#
# wave-2.csv holds one line per response (59); wave-2-codebook.csv one row
#   per variable: its question, values, the Data sheet's code for each value,
#   and its missing-value codes.
#
# Options are numbered by their position in the questionnaire's list of the
#   item's options, from 1, and breakdown groups by their position in the
#   dimension. A multiple choice item has one 0/1 variable per option. Text
#   starting with = + - @ has an apostrophe added, as in the workbook, and
#   line breaks in text are spaces.
#
# Missing-value codes: -1 Not shown (routed away); -2 Shown, not answered;
#   -3 Not reached (stopped before this page); -4 Cleared after a change of
#   route; -5, -6… an option marked missing, such as Don't know (the
#   codebook names each); -9 Not known, in the activity level and breakdown
#   groups. A text, or a number that can be negative, is empty when there is
#   no answer, and the variable after it, named …_why, holds the code.
#
# Coded variables are factors with the questionnaire's order. The codes
#   become NA, and each variable's attribute missing_reason (a factor) keeps
#   why; its attributes label and question hold the variable label and the
#   whole question.
#
# Review, Title: Research engagement 2026
# Review, Slug: wave-2
# Review, Status: closed
# Review, Window opens (UTC): 2026-11-02T09:00:00Z
# Review, Window closes (UTC): 2026-12-14T17:00:00Z
# Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile
#   4: less research-active
# Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity
#   quintile 1: more research-active
# Questionnaire, Id: research-engagement
# Questionnaire, Version: 2026.1
# Questionnaire, Title: Research engagement review
# Questionnaire, SHA-256 of the file:
#   af68d1fe7691917cc8bfe9aeb35cd0142b30283ffccd08be083526e7b56ebeff
# Questionnaire, Items: 42 (each grid statement counts as one)
# Rules, Exclusion rules version: 1
# Rules, Completion unit: items: each grid statement counts as one
# Rules, Completion threshold: 30%: a response not submitted is kept when
#   its completion ratio is at or above it
# Rules, Required items: A01
# Rules, Exclude preview and test responses: yes
# Rules, Exclude duplicates: yes
# Rules, Exclude responses outside the window: yes
# Rules, Screen out: no
# Rules, Suppression k: 5: a published cell rests on at least 5 respondents,
#   and further cells are hidden so that no hidden value can be worked out
# Rules, Reason test: a preview or test response
# Rules, Reason outside_window: started or submitted outside the review
#   window
# Rules, Reason duplicate: a duplicate of an earlier submitted response
# Rules, Reason required_missing: a required item not answered (A01)
# Rules, Reason below_threshold: partial, below 30% completion
# Flow, Received: 70
# Flow, Excluded: 11
# Flow, Included: 59
# Flow, Fully completed: 39
# Flow, Partial, at or above the threshold: 20
# Export, The data holds: the included responses, 59 rows
# Export, Exported at (UTC): 2026-12-15T08:30:00Z
# Export, Software: pulse test
# Export, Analysis method version: 1

pulse_csv <- "wave-2.csv"
if (!file.exists(pulse_csv)) {
  stop("cannot find ", pulse_csv, ": set the working folder to the one holding it, with setwd()")
}
responses <- utils::read.csv(pulse_csv, encoding = "UTF-8", na.strings = character(0),
  check.names = FALSE, colClasses = c(
    response_id = "character",
    trust_code = "character",
    activity_level = "integer",
    role_group = "integer",
    research_active = "integer",
    senior = "integer",
    status = "integer",
    completion_ratio = "numeric",
    A01 = "integer",
    A02 = "integer",
    A03 = "integer",
    A04 = "integer",
    A04__other_text = "character",
    A04__other_text_why = "integer",
    A05 = "integer",
    A05__other_text = "character",
    A05__other_text_why = "integer",
    A06 = "integer",
    B01 = "integer",
    B02__chief_investigator = "integer",
    B02__principal_investigator = "integer",
    B02__co_investigator = "integer",
    B02__recruiting_participants = "integer",
    B02__collecting_data = "integer",
    B02__research_delivery = "integer",
    B02__grant_writing = "integer",
    B02__publishing = "integer",
    B02__supervising = "integer",
    B02__other = "integer",
    B02__other_text = "character",
    B02__other_text_why = "integer",
    B03 = "integer",
    B04 = "numeric",
    B05 = "integer",
    B06 = "integer",
    B07 = "integer",
    B08 = "integer",
    B09 = "integer",
    B10 = "integer",
    B11__help_with_studies = "integer",
    B11__join_study_team = "integer",
    B11__lead_own_project = "integer",
    B11__research_training = "integer",
    B11__secondment = "integer",
    B11__other = "integer",
    B11__not_sure = "integer",
    B11__other_text = "character",
    B11__other_text_why = "integer",
    C01__patient_outcomes = "integer",
    C01__topic_interest = "integer",
    C01__keep_learning = "integer",
    C01__organisation_profile = "integer",
    C01__career_progression = "integer",
    C01__service_improvement = "integer",
    C01__job_satisfaction = "integer",
    C01__profession_profile = "integer",
    C01__working_with_others = "integer",
    C01__expected_in_role = "integer",
    C01__other = "integer",
    C01__none = "integer",
    C01__other_text = "character",
    C01__other_text_why = "integer",
    C02__clinical_demands = "integer",
    C02__no_protected_time = "integer",
    C02__work_life_balance = "integer",
    C02__low_confidence = "integer",
    C02__limited_research_culture = "integer",
    C02__limited_facilities = "integer",
    C02__no_funding = "integer",
    C02__no_manager_support = "integer",
    C02__no_mentor = "integer",
    C02__dont_know_where_to_start = "integer",
    C02__complex_approvals = "integer",
    C02__no_training = "integer",
    C02__no_admin_stats_support = "integer",
    C02__not_valued = "integer",
    C02__other = "integer",
    C02__none = "integer",
    C02__other_text = "character",
    C02__other_text_why = "integer",
    C03__protected_time = "integer",
    C03__backfill = "integer",
    C03__mentorship = "integer",
    C03__training = "integer",
    C03__small_project_funding = "integer",
    C03__rd_office_support = "integer",
    C03__manager_support = "integer",
    C03__admin_stats_support = "integer",
    C03__university_links = "integer",
    C03__career_pathway = "integer",
    C03__peer_network = "integer",
    C03__recognition = "integer",
    C03__other = "integer",
    C03__none = "integer",
    C03__other_text = "character",
    C03__other_text_why = "integer",
    C04 = "integer",
    C05 = "integer",
    D01a = "integer",
    D01b = "integer",
    D01c = "integer",
    D01d = "integer",
    D01e = "integer",
    D01f = "integer",
    D01g = "integer",
    D01h = "integer",
    D02 = "integer",
    D03__rd_office = "integer",
    D03__intranet = "integer",
    D03__manager = "integer",
    D03__colleagues = "integer",
    D03__professional_network = "integer",
    D03__university = "integer",
    D03__social_media = "integer",
    D03__other = "integer",
    D03__not_hearing = "integer",
    D03__other_text = "character",
    D03__other_text_why = "integer",
    D04 = "integer",
    D05 = "character",
    D05_why = "integer",
    E01 = "integer",
    E02 = "integer",
    E03 = "integer",
    E04 = "integer",
    E05 = "integer",
    E06 = "integer",
    E07 = "integer",
    E07__other_text = "character",
    E07__other_text_why = "integer",
    E08 = "character",
    E08_why = "integer"))

# The four missing-value codes every item can hold.
pulse_missing <- c("-1" = "Not shown (routed away)", "-2" = "Shown, not answered",
  "-3" = "Not reached (stopped before this page)", "-4" = "Cleared after a change of route")

# pulse_variable turns the missing-value codes of x (or of why, for a
# text and its _why variable) into NA, keeping each reason in the
# attribute missing_reason, a factor; makes a factor of coded values in
# the questionnaire's order; and attaches the variable label and the
# question.
pulse_variable <- function(x, label, question = "", levels = NULL, labels = NULL,
                           missing = NULL, why = x) {
  reason <- NULL
  if (length(missing) > 0) {
    coded <- !is.na(why) & why < 0
    reason <- factor(ifelse(coded, why, NA), levels = as.integer(names(missing)),
      labels = unname(missing))
    x[coded] <- NA
  }
  if (!is.null(levels)) x <- factor(x, levels = levels, labels = labels)
  attr(x, "label") <- label
  if (nzchar(question)) attr(x, "question") <- question
  if (!is.null(reason)) attr(x, "missing_reason") <- reason
  x
}

attr(responses$response_id, "label") <- "Response id"
attr(responses$trust_code, "label") <- "Trust code"
responses$activity_level <- pulse_variable(responses$activity_level,
  "Trust research activity",
  levels = c(1L, 2L),
  labels = c("More research-active",
    "Less research-active"),
  missing = c("-9" = "Not known"))
responses$role_group <- pulse_variable(responses$role_group,
  "Role group",
  question = "Groups of the answer to A01",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L),
  labels = c("Medical and dental",
    "Nursing and midwifery",
    "Allied health professions",
    "Other clinical",
    "Non-clinical",
    "Research staff"),
  missing = c("-9" = "Not known"))
responses$research_active <- pulse_variable(responses$research_active,
  "Research active",
  question = "yes when B01 (Involved in research) is \u201cYes\u201d (yes)",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c("-9" = "Not known"))
responses$senior <- pulse_variable(responses$senior,
  "Senior staff",
  question = "Groups of the answer to A02",
  levels = c(1L, 2L),
  labels = c("Senior",
    "Not senior"),
  missing = c("-9" = "Not known"))
responses$status <- pulse_variable(responses$status,
  "Status",
  levels = c(1L, 2L),
  labels = c("Fully completed (submitted)",
    "Partial (not submitted)"))
attr(responses$completion_ratio, "label") <- "Completion ratio"
responses$A01 <- pulse_variable(responses$A01,
  "Which of these best describes your main job?",
  question = "Which of these best describes your main job?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L),
  labels = c("Consultant doctor",
    "Doctor in training, such as a foundation, core or specialty trainee",
    "Other doctor, such as a specialty, specialist or associate specialist (SAS) doctor or GP",
    "Dentist",
    "Nurse",
    "Midwife",
    "Health visitor or community nurse",
    "Physiotherapist",
    "Occupational therapist",
    "Radiographer",
    "Other allied health professional, such as a dietitian, speech and language therapist or paramedic",
    "Pharmacist or pharmacy technician",
    "Healthcare scientist",
    "Psychologist or psychological therapist",
    "Other clinical role",
    "Research nurse, research midwife or research practitioner",
    "Research manager, coordinator or other research support role",
    "Manager or administrator",
    "Other non-clinical role"),
  missing = pulse_missing)
responses$A02 <- pulse_variable(responses$A02,
  "What is your grade or pay band?",
  question = "What is your grade or pay band?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L),
  labels = c("Band 2, 3 or 4",
    "Band 5",
    "Band 6",
    "Band 7",
    "Band 8a",
    "Band 8b, 8c or 8d",
    "Band 9",
    "Foundation doctor",
    "Doctor in core or specialty training",
    "Specialty, specialist or associate specialist (SAS) doctor",
    "Consultant",
    "Clinical director",
    "Executive director or board member",
    "Other grade or not sure"),
  missing = pulse_missing)
responses$A03 <- pulse_variable(responses$A03,
  "How long have you worked in health services?",
  question = "How long have you worked in health services?",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Less than 2 years",
    "2 to 5 years",
    "6 to 10 years",
    "11 to 20 years",
    "More than 20 years"),
  missing = pulse_missing)
responses$A04 <- pulse_variable(responses$A04,
  "Where do you mainly work?",
  question = "Where do you mainly work?",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Acute hospital",
    "Community services",
    "Mental health services",
    "Primary care, such as a GP practice",
    "Somewhere else"),
  missing = pulse_missing)
responses$A04__other_text <- pulse_variable(responses$A04__other_text,
  "Work setting: Somewhere else (please specify)",
  question = "Where do you mainly work?",
  missing = pulse_missing,
  why = responses$A04__other_text_why)
responses$A04__other_text_why <- NULL
responses$A05 <- pulse_variable(responses$A05,
  "Which area of care do you mainly work in?",
  question = "Which area of care do you mainly work in?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L),
  labels = c("Cancer",
    "Heart and circulation",
    "Children and young people",
    "Emergency, urgent or critical care",
    "Maternity",
    "Mental health",
    "Long-term conditions, such as diabetes or breathing problems",
    "Older people",
    "Surgery and theatres",
    "Diagnostics, such as imaging or laboratory services",
    "Rehabilitation and therapies",
    "I work across several areas",
    "I do not work in a clinical area",
    "Another area"),
  missing = pulse_missing)
responses$A05__other_text <- pulse_variable(responses$A05__other_text,
  "Clinical area: Another area (please specify)",
  question = "Which area of care do you mainly work in?",
  missing = pulse_missing,
  why = responses$A05__other_text_why)
responses$A05__other_text_why <- NULL
responses$A06 <- pulse_variable(responses$A06,
  "Do you work full time or part time?",
  question = "Do you work full time or part time?",
  levels = c(1L, 2L),
  labels = c("Full time",
    "Part time"),
  missing = pulse_missing)
responses$B01 <- pulse_variable(responses$B01,
  "Have you been involved in research in the last 2 years?",
  question = "Have you been involved in research in the last 2 years?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$B02__chief_investigator <- pulse_variable(responses$B02__chief_investigator,
  "Research activities: Led a study as chief investigator",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__principal_investigator <- pulse_variable(responses$B02__principal_investigator,
  "Research activities: Led a study at my site as principal investigator",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__co_investigator <- pulse_variable(responses$B02__co_investigator,
  "Research activities: Worked on a study as a co-investigator",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__recruiting_participants <- pulse_variable(responses$B02__recruiting_participants,
  "Research activities: Found and recruited participants",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__collecting_data <- pulse_variable(responses$B02__collecting_data,
  "Research activities: Collected data",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__research_delivery <- pulse_variable(responses$B02__research_delivery,
  "Research\u2026: Delivered or supported studies, for example as a research nurse",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__grant_writing <- pulse_variable(responses$B02__grant_writing,
  "Research activities: Applied for research funding",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__publishing <- pulse_variable(responses$B02__publishing,
  "Research activities: Wrote up or published research",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__supervising <- pulse_variable(responses$B02__supervising,
  "Research activities: Supervised other people's research",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__other <- pulse_variable(responses$B02__other,
  "Research activities: Something else",
  question = "What have you done in research in the last 2 years?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B02__other_text <- pulse_variable(responses$B02__other_text,
  "Research activities: Something else (please specify)",
  question = "What have you done in research in the last 2 years?",
  missing = pulse_missing,
  why = responses$B02__other_text_why)
responses$B02__other_text_why <- NULL
responses$B03 <- pulse_variable(responses$B03,
  "Do you have protected time for research?",
  question = "Do you have protected time for research?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, it is agreed in my job plan or contract",
    "Yes, agreed informally with my manager",
    "No"),
  missing = pulse_missing)
responses$B04 <- pulse_variable(responses$B04,
  "In a typical month, about how many hours do you spend on research?",
  question = "In a typical month, about how many hours do you spend on research?",
  missing = pulse_missing)
responses$B05 <- pulse_variable(responses$B05,
  "How often do you do research in your own time?",
  question = "How often do you do research in your own time?",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Often",
    "Sometimes",
    "Rarely",
    "Never"),
  missing = pulse_missing)
responses$B06 <- pulse_variable(responses$B06,
  "Is research part of your job description?",
  question = "Is research part of your job description?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$B07 <- pulse_variable(responses$B07,
  "What is your highest research qualification or training?",
  question = "What is your highest research qualification or training?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L),
  labels = c("I have no research qualification or training",
    "Research methods as part of a degree",
    "A short course, such as good clinical practice (GCP) training",
    "Postgraduate certificate or diploma that includes research",
    "Master's degree that includes research",
    "Doctorate, such as a PhD, MD or professional doctorate",
    "Post-doctoral research experience"),
  missing = pulse_missing)
responses$B08 <- pulse_variable(responses$B08,
  "Have you ever applied for research funding or a research fellowship?",
  question = "Have you ever applied for research funding or a research fellowship?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, and at least one application was successful",
    "Yes, but none have been successful yet",
    "No"),
  missing = pulse_missing)
responses$B09 <- pulse_variable(responses$B09,
  "Do you have a contract with a university, such as an honorary or joint post?",
  question = "Do you have a contract with a university, such as an honorary or joint post?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$B10 <- pulse_variable(responses$B10,
  "Would you like to be more involved in research?",
  question = "Would you like to be more involved in research?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes",
    "Maybe",
    "No"),
  missing = pulse_missing)
responses$B11__help_with_studies <- pulse_variable(responses$B11__help_with_studies,
  "Research wanted: Help with studies, such as recruiting participants or\u2026",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__join_study_team <- pulse_variable(responses$B11__join_study_team,
  "Research wanted: Join a research team",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__lead_own_project <- pulse_variable(responses$B11__lead_own_project,
  "Research wanted: Lead a small project of my own",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__research_training <- pulse_variable(responses$B11__research_training,
  "Research wanted: Do research training or a research qualification",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__secondment <- pulse_variable(responses$B11__secondment,
  "Research wanted: Spend some time working in a research role",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__other <- pulse_variable(responses$B11__other,
  "Research wanted: Something else",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "I'm not sure yet"))
responses$B11__not_sure <- pulse_variable(responses$B11__not_sure,
  "Research wanted: I'm not sure yet",
  question = "What would you like to do?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B11__other_text <- pulse_variable(responses$B11__other_text,
  "Research wanted: Something else (please specify)",
  question = "What would you like to do?",
  missing = pulse_missing,
  why = responses$B11__other_text_why)
responses$B11__other_text_why <- NULL
responses$C01__patient_outcomes <- pulse_variable(responses$C01__patient_outcomes,
  "Motivators: Improving patients' experience and outcomes",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__topic_interest <- pulse_variable(responses$C01__topic_interest,
  "Motivators: Personal interest in a research topic",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__keep_learning <- pulse_variable(responses$C01__keep_learning,
  "Motivators: The chance to keep learning",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__organisation_profile <- pulse_variable(responses$C01__organisation_profile,
  "Motivators: Raising the profile of my department or organisation",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__career_progression <- pulse_variable(responses$C01__career_progression,
  "Motivators: Moving on in my career",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__service_improvement <- pulse_variable(responses$C01__service_improvement,
  "Motivators: Finding better ways of running my service",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__job_satisfaction <- pulse_variable(responses$C01__job_satisfaction,
  "Motivators: More job satisfaction and variety",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__profession_profile <- pulse_variable(responses$C01__profession_profile,
  "Motivators: Raising the profile of my profession",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__working_with_others <- pulse_variable(responses$C01__working_with_others,
  "Motivators: Working with other teams or universities",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__expected_in_role <- pulse_variable(responses$C01__expected_in_role,
  "Motivators: It is expected in my role",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__other <- pulse_variable(responses$C01__other,
  "Motivators: Something else",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__none <- pulse_variable(responses$C01__none,
  "Motivators: None of these",
  question = "What motivates you, or would motivate you, to take part in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C01__other_text <- pulse_variable(responses$C01__other_text,
  "Motivators: Something else (please specify)",
  question = "What motivates you, or would motivate you, to take part in research?",
  missing = pulse_missing,
  why = responses$C01__other_text_why)
responses$C01__other_text_why <- NULL
responses$C02__clinical_demands <- pulse_variable(responses$C02__clinical_demands,
  "Barriers: Pressure from clinical work",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_protected_time <- pulse_variable(responses$C02__no_protected_time,
  "Barriers: No protected time for research",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__work_life_balance <- pulse_variable(responses$C02__work_life_balance,
  "Barriers: Balancing work with life outside work",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__low_confidence <- pulse_variable(responses$C02__low_confidence,
  "Barriers: Not feeling confident in my research knowledge and skills",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__limited_research_culture <- pulse_variable(responses$C02__limited_research_culture,
  "Barriers: Research is not part of the culture in my team or organisation",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__limited_facilities <- pulse_variable(responses$C02__limited_facilities,
  "Barriers: Little access to research facilities, such as space or equipment",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_funding <- pulse_variable(responses$C02__no_funding,
  "Barriers: Lack of funding",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_manager_support <- pulse_variable(responses$C02__no_manager_support,
  "Barriers: Lack of support from my manager",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_mentor <- pulse_variable(responses$C02__no_mentor,
  "Barriers: No mentor or experienced researcher to guide me",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__dont_know_where_to_start <- pulse_variable(responses$C02__dont_know_where_to_start,
  "Barriers: Not knowing where to start or who to contact",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__complex_approvals <- pulse_variable(responses$C02__complex_approvals,
  "Barriers: Complicated approval processes",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_training <- pulse_variable(responses$C02__no_training,
  "Barriers: Few chances to get research training",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__no_admin_stats_support <- pulse_variable(responses$C02__no_admin_stats_support,
  "Barriers: Lack of help with admin or statistics",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__not_valued <- pulse_variable(responses$C02__not_valued,
  "Barriers: Research is not valued in my role or career",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__other <- pulse_variable(responses$C02__other,
  "Barriers: Something else",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__none <- pulse_variable(responses$C02__none,
  "Barriers: Nothing gets in the way",
  question = "What stops you taking part in research, or makes it harder?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C02__other_text <- pulse_variable(responses$C02__other_text,
  "Barriers: Something else (please specify)",
  question = "What stops you taking part in research, or makes it harder?",
  missing = pulse_missing,
  why = responses$C02__other_text_why)
responses$C02__other_text_why <- NULL
responses$C03__protected_time <- pulse_variable(responses$C03__protected_time,
  "Enablers: Protected research time in my job plan",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__backfill <- pulse_variable(responses$C03__backfill,
  "Enablers: Someone to cover my usual work while I do research",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__mentorship <- pulse_variable(responses$C03__mentorship,
  "Enablers: A mentor or experienced researcher to guide me",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__training <- pulse_variable(responses$C03__training,
  "Enablers: Research training",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__small_project_funding <- pulse_variable(responses$C03__small_project_funding,
  "Enablers: Funding for small projects",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__rd_office_support <- pulse_variable(responses$C03__rd_office_support,
  "Enablers: Help from the R&D office",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__manager_support <- pulse_variable(responses$C03__manager_support,
  "Enablers: Support from my manager",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__admin_stats_support <- pulse_variable(responses$C03__admin_stats_support,
  "Enablers: Help with admin, data or statistics",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__university_links <- pulse_variable(responses$C03__university_links,
  "Enablers: Links with a university",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__career_pathway <- pulse_variable(responses$C03__career_pathway,
  "Enablers: A clear research career path for my profession",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__peer_network <- pulse_variable(responses$C03__peer_network,
  "Enablers: A network of colleagues interested in research",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__recognition <- pulse_variable(responses$C03__recognition,
  "Enablers: Research being recognised in appraisals and promotion",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__other <- pulse_variable(responses$C03__other,
  "Enablers: Something else",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__none <- pulse_variable(responses$C03__none,
  "Enablers: None of these",
  question = "What would help you take part in research, or do more of it?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$C03__other_text <- pulse_variable(responses$C03__other_text,
  "Enablers: Something else (please specify)",
  question = "What would help you take part in research, or do more of it?",
  missing = pulse_missing,
  why = responses$C03__other_text_why)
responses$C03__other_text_why <- NULL
responses$C04 <- pulse_variable(responses$C04,
  "Do you think more research training would help staff like you take part in\u2026",
  question = "Do you think more research training would help staff like you take part in research?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$C05 <- pulse_variable(responses$C05,
  "Would you like a mentor to support you with research?",
  question = "Would you like a mentor to support you with research?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes",
    "I already have one",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$D01a <- pulse_variable(responses$D01a,
  "Senior leaders in my organisation value research.",
  question = "How much do you agree with these statements about your organisation? \u2014 Senior leaders in my organisation value research.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01b <- pulse_variable(responses$D01b,
  "My organisation sees research and evaluation as part of its everyday work.",
  question = "How much do you agree with these statements about your organisation? \u2014 My organisation sees research and evaluation as part of its everyday work.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01c <- pulse_variable(responses$D01c,
  "My manager supports me to make time for research.",
  question = "How much do you agree with these statements about your organisation? \u2014 My manager supports me to make time for research.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01d <- pulse_variable(responses$D01d,
  "I know who to contact about getting involved in research.",
  question = "How much do you agree with these statements about your organisation? \u2014 I know who to contact about getting involved in research.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01e <- pulse_variable(responses$D01e,
  "Research opportunities are advertised to staff like me.",
  question = "How much do you agree with these statements about your organisation? \u2014 Research opportunities are advertised to staff like me.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01f <- pulse_variable(responses$D01f,
  "I can get research training if I want it.",
  question = "How much do you agree with these statements about your organisation? \u2014 I can get research training if I want it.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01g <- pulse_variable(responses$D01g,
  "I know what my organisation's research strategy is.",
  question = "How much do you agree with these statements about your organisation? \u2014 I know what my organisation's research strategy is.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D01h <- pulse_variable(responses$D01h,
  "Research is taken into account when staff are promoted.",
  question = "How much do you agree with these statements about your organisation? \u2014 Research is taken into account when staff are promoted.",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$D02 <- pulse_variable(responses$D02,
  "Did you know that your organisation has a research and development (R&D) office?",
  question = "Did you know that your organisation has a research and development (R&D) office?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, and I have been in touch with them",
    "Yes, but I have not been in touch with them",
    "No, I did not know"),
  missing = pulse_missing)
responses$D03__rd_office <- pulse_variable(responses$D03__rd_office,
  "Hearing about opportunities: Emails or newsletters from the R&D office",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__intranet <- pulse_variable(responses$D03__intranet,
  "Hearing about opportunities: The staff intranet",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__manager <- pulse_variable(responses$D03__manager,
  "Hearing about opportunities: My manager",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__colleagues <- pulse_variable(responses$D03__colleagues,
  "Hearing about opportunities: Colleagues",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__professional_network <- pulse_variable(responses$D03__professional_network,
  "Hearing about opportunities: My professional body or network",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__university <- pulse_variable(responses$D03__university,
  "Hearing about opportunities: A university",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__social_media <- pulse_variable(responses$D03__social_media,
  "Hearing about opportunities: Social media",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__other <- pulse_variable(responses$D03__other,
  "Hearing about opportunities: Somewhere else",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__not_hearing <- pulse_variable(responses$D03__not_hearing,
  "Hearing about opportunities: I do not hear about research opportunities",
  question = "How do you hear about research opportunities?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$D03__other_text <- pulse_variable(responses$D03__other_text,
  "Hearing about opportunities: Somewhere else (please specify)",
  question = "How do you hear about research opportunities?",
  missing = pulse_missing,
  why = responses$D03__other_text_why)
responses$D03__other_text_why <- NULL
responses$D04 <- pulse_variable(responses$D04,
  "Did you talk about research at your last appraisal?",
  question = "Did you talk about research at your last appraisal?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes",
    "No",
    "I have not had an appraisal in the last year"),
  missing = pulse_missing)
responses$D05 <- pulse_variable(responses$D05,
  "Is there anything else you want to tell us about research in your organisation?",
  question = "Is there anything else you want to tell us about research in your organisation?",
  missing = pulse_missing,
  why = responses$D05_why)
responses$D05_why <- NULL
responses$E01 <- pulse_variable(responses$E01,
  "Is research part of your organisation's overall strategy?",
  question = "Is research part of your organisation's overall strategy?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, as a main priority",
    "Yes, but not as a main priority",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E02 <- pulse_variable(responses$E02,
  "Is research part of your organisation's clinical strategy?",
  question = "Is research part of your organisation's clinical strategy?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, as a main priority",
    "Yes, but not as a main priority",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E03 <- pulse_variable(responses$E03,
  "Is research a regular item on your board's agenda?",
  question = "Is research a regular item on your board's agenda?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, at every meeting",
    "Sometimes, but not as a regular item",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E04 <- pulse_variable(responses$E04,
  "Does your board get regular reports on research and what it achieves for\u2026",
  question = "Does your board get regular reports on research and what it achieves for patients?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E05 <- pulse_variable(responses$E05,
  "Is research included in your organisation's workforce planning?",
  question = "Is research included in your organisation's workforce planning?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes",
    "Partly",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E06 <- pulse_variable(responses$E06,
  "Is research time written into clinical staff's job plans?",
  question = "Is research time written into clinical staff's job plans?",
  levels = c(1L, 2L, 3L),
  labels = c("Yes, for most clinical roles",
    "Yes, but only for some roles, such as consultants",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$E07 <- pulse_variable(responses$E07,
  "Where should your organisation invest first to support research?",
  question = "Where should your organisation invest first to support research?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
  labels = c("Protected research time for staff",
    "Cover for staff who do research",
    "Research training",
    "Mentoring and research leadership roles",
    "Funding for small projects",
    "More staff and support in the R&D office",
    "Research facilities and equipment",
    "Partnerships with universities",
    "Something else"),
  missing = pulse_missing)
responses$E07__other_text <- pulse_variable(responses$E07__other_text,
  "Investment priority: Something else (please specify)",
  question = "Where should your organisation invest first to support research?",
  missing = pulse_missing,
  why = responses$E07__other_text_why)
responses$E07__other_text_why <- NULL
responses$E08 <- pulse_variable(responses$E08,
  "Is there anything else you want to tell us about research and your\u2026",
  question = "Is there anything else you want to tell us about research and your organisation's strategy?",
  missing = pulse_missing,
  why = responses$E08_why)
responses$E08_why <- NULL
