"""The session screens' style sheet: large, calm, readable at arm's length; the selected state
is shown by a check mark and a thick border, never by colour alone."""

from __future__ import annotations

SESSION_STYLE = """
#sessionView { background: #f7f8fa; }
#sessionView QLabel { color: #1d232b; font-size: 17px; }
#sessionHeader { background: #ffffff; border-bottom: 1px solid #d5dbe3; }
QLabel#formTitle { font-size: 17px; font-weight: 600; }
QLabel#formNotice { font-size: 15px; color: #3d4650; }
QLabel#progressLabel { font-size: 18px; font-weight: 600; color: #1f4e86; }
QLabel#savedIndicator { font-size: 16px; padding: 4px 10px; border-radius: 6px; }
QLabel#savedIndicator[state="saved"] { color: #1b5e20; background: #e6f4e7; }
QLabel#savedIndicator[state="error"] { color: #ffffff; background: #b3261e; font-weight: 600; }
QLabel#savedIndicator[state="completed"] { color: #1f4e86; background: #e3edf9; }
#pageBody { background: #f7f8fa; }
QLabel#domainTitle { font-size: 30px; font-weight: 700; color: #14385f; }
QLabel#domainDescription { font-size: 19px; }
QLabel#domainExamples { font-size: 17px; color: #4a5560; font-style: italic; }
QLabel#sectionTitle { font-size: 22px; font-weight: 700; color: #14385f; }
#stepGroup, #outcomePanel, #consentPanel {
    background: #ffffff; border: 1px solid #d5dbe3; border-radius: 10px; }
QLabel#stepTitle { font-size: 20px; font-weight: 700; color: #14385f; }
QLabel#stepWho { font-size: 15px; color: #14385f; background: #e3edf9; border-radius: 10px;
    padding: 3px 12px; }
QLabel#question { font-size: 19px; font-weight: 600; }
QLabel#itemHelp { font-size: 16px; color: #4a5560; }
QLabel#itemStatus { font-size: 16px; }
QLabel#itemStatus[state="saved"] { color: #1b5e20; }
QLabel#itemStatus[state="error"] { color: #b3261e; font-weight: 700; }
#choiceEditor { border: 3px solid transparent; border-radius: 12px; }
#choiceEditor:focus { border: 3px solid #1f4e86; background: #eef4fb; }
#textBox, #newAction, #reason, #consentGivenBy, #consentRecipient, #actionRows {
    font-size: 17px; background: #ffffff; border: 2px solid #a9b4c2; border-radius: 8px;
    padding: 4px; }
#numberBox { font-size: 19px; background: #ffffff; border: 2px solid #a9b4c2; border-radius: 8px;
    padding: 4px 8px; min-height: 30px; }
#numberBox:focus { border: 3px solid #1f4e86; }
#numberBox[state="error"] { border: 3px solid #b3261e; }
#numberBox[state="error"]:focus { border: 4px solid #b3261e; background: #fdf1f0; }
QLabel#numberUnit { font-size: 19px; }
QLabel#numberHint { font-size: 15px; color: #4a5560; }
QLabel#numberProblem { font-size: 16px; font-weight: 700; color: #b3261e; }
#multiChoiceEditor QCheckBox, #numberEditor QCheckBox { padding: 4px 8px; border: 2px solid transparent;
    border-radius: 6px; }
#multiChoiceEditor QCheckBox:focus, #numberEditor QCheckBox:focus { border: 2px solid #1f4e86;
    background: #eef4fb; }
#textBox:focus, #newAction:focus, #reason:focus, #consentGivenBy:focus, #consentRecipient:focus,
#actionRows:focus {
    border-color: #1f4e86; }
#sessionView QPushButton { font-size: 17px; padding: 8px 18px; border-radius: 8px;
    border: 2px solid #1f4e86; background: #ffffff; color: #14385f; }
#sessionView QPushButton:focus { background: #e3edf9; border-width: 3px; }
#sessionView QPushButton:disabled { color: #8a939e; border-color: #c5ccd5; }
QPushButton#nextButton, QPushButton#finish, QPushButton#confirmDecision { background: #1f4e86; color: #ffffff; font-weight: 700; }
QPushButton#nextButton:focus, QPushButton#finish:focus, QPushButton#confirmDecision:focus { background: #14385f; color: #ffffff; }
QPushButton#nextButton:disabled, QPushButton#finish:disabled, QPushButton#confirmDecision:disabled {
    background: #e4e8ee; color: #8a939e; border-color: #c5ccd5; }
#sessionView QRadioButton, #sessionView QCheckBox { font-size: 18px; spacing: 10px; }
#sessionView QRadioButton::indicator, #sessionView QCheckBox::indicator {
    width: 22px; height: 22px; }
QLabel#suggestion { font-size: 24px; font-weight: 700; color: #14385f; }
QLabel#explanation { font-size: 16px; }
QLabel#demoNote { font-size: 15px; color: #6b4a00; background: #fff4d6; border-radius: 6px;
    padding: 6px 10px; }
QLabel#summary { font-size: 17px; }
QLabel#openNote, QLabel#incomplete { font-size: 17px; font-weight: 600; color: #6b4a00;
    background: #fff4d6; border-radius: 8px; padding: 8px 12px; }
QFrame#safetyNote { background: #fff8e1; border: 2px solid #8a6d00; border-radius: 10px; }
QFrame#safetyNote[flag="true"] { background: #fdecea; border: 3px solid #b3261e; }
QLabel#safetyTitle { font-size: 19px; font-weight: 700; color: #7f1d1d; }
QLabel#safetyLines { font-size: 17px; font-weight: 700; }
QLabel#safetyGuidance { font-size: 16px; }
#matrix { font-size: 15px; background: #ffffff; gridline-color: #d5dbe3; }
#matrix QHeaderView::section { font-size: 15px; font-weight: 600; background: #eef1f5;
    padding: 6px; border: 0; border-right: 1px solid #d5dbe3; border-bottom: 1px solid #d5dbe3; }
#matrix::item { padding: 4px 6px; }
#matrix::item:selected { background: #c9def5; color: #1d232b; }
#navBar { background: #ffffff; border-top: 1px solid #d5dbe3; }
QLabel#navHint { font-size: 16px; color: #3d4650; }
"""
