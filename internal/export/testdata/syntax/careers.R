# Research Pulse: the data of the review “Clinical academic careers
#   2026” (careers-2) for R, with variable labels, value labels and missing
#   values.
#
# Base R only, no packages to install. Run this file with source() or
#   Rscript, with careers-2.csv in the working folder (setwd): it makes the
#   data frame responses.
#
# careers-2.csv holds one line per response (40); careers-2-codebook.csv one
#   row per variable: its question, values, the Data sheet's code for each
#   value, and its missing-value codes.
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
# Review, Title: Clinical academic careers 2026
# Review, Slug: careers-2
# Review, Status: closed
# Review, Window opens (UTC): 2026-11-02T09:00:00Z
# Review, Window closes (UTC): 2026-12-14T17:00:00Z
# Trust, RL4: Bwrdd Iechyd Prifysgol Glan Môr; wales; CRN activity quintile
#   4: less research-active
# Trust, RM1: Northfield Teaching Hospitals NHS Trust; england; CRN activity
#   quintile 1: more research-active
# Questionnaire, Id: clinical-academic-careers
# Questionnaire, Version: 2026.2
# Questionnaire, Title: Clinical academic careers survey
# Questionnaire, SHA-256 of the file:
#   576c9cd3132f48e7952a36274b24757c11a4a9bdbb1ddc82a18dc9515e1b3d8b
# Questionnaire, Items: 20 (each grid statement counts as one)
# Rules, Exclusion rules version: 2
# Rules, Completion unit: questions: a grid counts once, as answered when
#   any of its shown statements is
# Rules, Completion threshold: 40%: a response not submitted is kept when
#   its completion ratio is at or above it
# Rules, Required items: R01
# Rules, Exclude preview and test responses: yes
# Rules, Exclude duplicates: yes
# Rules, Exclude responses outside the window: yes
# Rules, Screen out: yes, when R01 (Staff group) is “Student on
#   placement” (student)
# Rules, Suppression k: 5: a published cell rests on at least 5 respondents,
#   and further cells are hidden so that no hidden value can be worked out
# Rules, Reason test: a preview or test response
# Rules, Reason outside_window: started or submitted outside the review
#   window
# Rules, Reason duplicate: a duplicate of an earlier submitted response
# Rules, Reason screened_out: screened out by the questionnaire's screening
#   question
# Rules, Reason required_missing: a required item not answered (R01)
# Rules, Reason below_threshold: partial, below 40% completion
# Flow, Received: 60
# Flow, Excluded: 20
# Flow, Included: 40
# Flow, Fully completed: 28
# Flow, Partial, at or above the threshold: 12
# Export, The data holds: the included responses, 40 rows
# Export, Exported at (UTC): 2026-12-15T08:30:00Z
# Export, Software: pulse test
# Export, Analysis method version: 1

pulse_csv <- "careers-2.csv"
if (!file.exists(pulse_csv)) {
  stop("cannot find ", pulse_csv, ": set the working folder to the one holding it, with setwd()")
}
responses <- utils::read.csv(pulse_csv, encoding = "UTF-8", na.strings = character(0),
  check.names = FALSE, colClasses = c(
    response_id = "character",
    trust_code = "character",
    activity_level = "integer",
    staff_group = "integer",
    active = "integer",
    status = "integer",
    completion_ratio = "numeric",
    R01 = "integer",
    R01__other_text = "character",
    R01__other_text_why = "integer",
    R02 = "integer",
    R03 = "integer",
    R04 = "numeric",
    R05 = "integer",
    S01 = "integer",
    S02__ci = "integer",
    S02__pi = "integer",
    S02__recruit = "integer",
    S02__data = "integer",
    S02__other = "integer",
    S02__other_text = "character",
    S02__other_text_why = "integer",
    S03 = "integer",
    S04 = "numeric",
    L01 = "character",
    L01_why = "integer",
    L02 = "integer",
    M01__patients = "integer",
    M01__learning = "integer",
    M01__career = "integer",
    M01__curiosity = "integer",
    M01__team = "integer",
    M01__none = "integer",
    M01__dont_know = "integer",
    M02 = "integer",
    G01a = "integer",
    G01b = "integer",
    G01c = "integer",
    G01d = "integer",
    G02 = "integer",
    B01__time = "integer",
    B01__funding = "integer",
    B01__confidence = "integer",
    B01__culture = "integer",
    B01__other = "integer",
    B01__nothing = "integer",
    B01__other_text = "character",
    B01__other_text_why = "integer",
    B02 = "character",
    B02_why = "integer"))

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
responses$staff_group <- pulse_variable(responses$staff_group,
  "Staff group",
  question = "Groups of the answer to R01",
  levels = c(1L, 2L, 3L),
  labels = c("Clinical",
    "Non-clinical",
    "Student"),
  missing = c("-9" = "Not known"))
responses$active <- pulse_variable(responses$active,
  "Research active",
  question = "yes when S01 (Research involvement) is \u201cYes\u201d (yes)",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c("-9" = "Not known"))
responses$status <- pulse_variable(responses$status,
  "Status",
  levels = c(1L, 2L),
  labels = c("Fully completed (submitted)",
    "Partial (not submitted)"))
attr(responses$completion_ratio, "label") <- "Completion ratio"
responses$R01 <- pulse_variable(responses$R01,
  "Which staff group are you in?",
  question = "Which staff group are you in?",
  levels = c(1L, 2L, 3L, 4L, 5L, 6L, 7L),
  labels = c("Doctor",
    "Nurse or midwife",
    "Allied health professional",
    "Healthcare scientist",
    "Administrative or managerial",
    "Student on placement",
    "Another group"),
  missing = pulse_missing)
responses$R01__other_text <- pulse_variable(responses$R01__other_text,
  "Staff group: Another group (please specify)",
  question = "Which staff group are you in?",
  missing = pulse_missing,
  why = responses$R01__other_text_why)
responses$R01__other_text_why <- NULL
responses$R02 <- pulse_variable(responses$R02,
  "What is your grade?",
  question = "What is your grade?",
  levels = c(1L, 2L, 3L),
  labels = c("Foundation",
    "Registrar",
    "Consultant"),
  missing = pulse_missing)
responses$R03 <- pulse_variable(responses$R03,
  "What is your band?",
  question = "What is your band?",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Band 5",
    "Band 6",
    "Band 7",
    "Band 8 or above"),
  missing = pulse_missing)
responses$R04 <- pulse_variable(responses$R04,
  "How many years have you been qualified?",
  question = "How many years have you been qualified?",
  missing = pulse_missing)
responses$R05 <- pulse_variable(responses$R05,
  "Have you mentored anyone in research?",
  question = "Have you mentored anyone in research?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$S01 <- pulse_variable(responses$S01,
  "Are you involved in research now?",
  question = "Are you involved in research now?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = c(pulse_missing, "-5" = "Not sure"))
responses$S02__ci <- pulse_variable(responses$S02__ci,
  "Research roles: Chief investigator",
  question = "What do you do in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$S02__pi <- pulse_variable(responses$S02__pi,
  "Research roles: Principal investigator",
  question = "What do you do in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$S02__recruit <- pulse_variable(responses$S02__recruit,
  "Research roles: Recruit participants",
  question = "What do you do in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$S02__data <- pulse_variable(responses$S02__data,
  "Research roles: Collect data",
  question = "What do you do in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$S02__other <- pulse_variable(responses$S02__other,
  "Research roles: Something else",
  question = "What do you do in research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$S02__other_text <- pulse_variable(responses$S02__other_text,
  "Research roles: Something else (please specify)",
  question = "What do you do in research?",
  missing = pulse_missing,
  why = responses$S02__other_text_why)
responses$S02__other_text_why <- NULL
responses$S03 <- pulse_variable(responses$S03,
  "How many studies have you led?",
  question = "How many studies have you led?",
  levels = c(1L, 2L, 3L),
  labels = c("One",
    "Two to five",
    "Six or more"),
  missing = pulse_missing)
responses$S04 <- pulse_variable(responses$S04,
  "How many hours a week do you spend leading research?",
  question = "How many hours a week do you spend leading research?",
  missing = pulse_missing)
responses$L01 <- pulse_variable(responses$L01,
  "What is your research leadership role?",
  question = "What is your research leadership role?",
  missing = pulse_missing,
  why = responses$L01_why)
responses$L01_why <- NULL
responses$L02 <- pulse_variable(responses$L02,
  "Is your leadership time protected?",
  question = "Is your leadership time protected?",
  levels = c(1L, 2L),
  labels = c("Yes",
    "No"),
  missing = pulse_missing)
responses$M01__patients <- pulse_variable(responses$M01__patients,
  "Motivators: Better care for patients",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__learning <- pulse_variable(responses$M01__learning,
  "Motivators: Learning new skills",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__career <- pulse_variable(responses$M01__career,
  "Motivators: Career progression",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__curiosity <- pulse_variable(responses$M01__curiosity,
  "Motivators: Curiosity",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__team <- pulse_variable(responses$M01__team,
  "Motivators: Working in a team",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__none <- pulse_variable(responses$M01__none,
  "Motivators: None of these",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$M01__dont_know <- pulse_variable(responses$M01__dont_know,
  "Motivators: Don't know",
  question = "What would motivate you to do research?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$M02 <- pulse_variable(responses$M02,
  "Which of these motivates you most?",
  question = "Which of these motivates you most?",
  levels = c(1L, 2L, 3L, 4L, 5L),
  labels = c("Better care for patients",
    "Learning new skills",
    "Career progression",
    "Curiosity",
    "Working in a team"),
  missing = c(pulse_missing, "-5" = "I can't choose"))
responses$G01a <- pulse_variable(responses$G01a,
  "My organisation values research.",
  question = "How much do you agree with these statements? \u2014 My organisation values research.",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$G01b <- pulse_variable(responses$G01b,
  "My manager gives me time for research.",
  question = "How much do you agree with these statements? \u2014 My manager gives me time for research.",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$G01c <- pulse_variable(responses$G01c,
  "I know where to get research advice.",
  question = "How much do you agree with these statements? \u2014 I know where to get research advice.",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$G01d <- pulse_variable(responses$G01d,
  "My research is recognised in my appraisal.",
  question = "How much do you agree with these statements? \u2014 My research is recognised in my appraisal.",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$G02 <- pulse_variable(responses$G02,
  "I do not feel confident enough to do research.",
  question = "I do not feel confident enough to do research.",
  levels = c(1L, 2L, 3L, 4L),
  labels = c("Strongly disagree",
    "Disagree",
    "Agree",
    "Strongly agree"),
  missing = c(pulse_missing, "-5" = "Don't know"))
responses$B01__time <- pulse_variable(responses$B01__time,
  "Barriers: No protected time",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__funding <- pulse_variable(responses$B01__funding,
  "Barriers: No funding",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__confidence <- pulse_variable(responses$B01__confidence,
  "Barriers: Lack of confidence",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__culture <- pulse_variable(responses$B01__culture,
  "Barriers: Research is not part of the culture",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__other <- pulse_variable(responses$B01__other,
  "Barriers: Something else",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__nothing <- pulse_variable(responses$B01__nothing,
  "Barriers: Nothing gets in the way",
  question = "What gets in the way of research for you?",
  levels = c(0L, 1L),
  labels = c("Not selected",
    "Selected"),
  missing = pulse_missing)
responses$B01__other_text <- pulse_variable(responses$B01__other_text,
  "Barriers: Something else (please specify)",
  question = "What gets in the way of research for you?",
  missing = pulse_missing,
  why = responses$B01__other_text_why)
responses$B01__other_text_why <- NULL
responses$B02 <- pulse_variable(responses$B02,
  "Tell us more about what gets in the way.",
  question = "Tell us more about what gets in the way.",
  missing = pulse_missing,
  why = responses$B02_why)
responses$B02_why <- NULL
