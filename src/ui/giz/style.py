"""The GIZ screens' additions to the session style sheet: the factor buttons of the triangle
(state shown by a word and symbol and by the border, never by colour alone), the phase bar."""

from __future__ import annotations

GIZ_STYLE = """
#gizHeader { background: #ffffff; border-bottom: 1px solid #d5dbe3; }
QPushButton#phaseButton { font-size: 16px; padding: 6px 14px; border-radius: 8px;
    border: 2px solid #a9b4c2; background: #ffffff; color: #14385f; }
QPushButton#phaseButton:checked { background: #1f4e86; color: #ffffff; border-color: #14385f; }
QPushButton#phaseButton:focus { border: 3px solid #c05a00; }
QLabel#factorName { font-size: 15px; font-weight: 600; color: #1d232b; }
QLabel#factorState { font-size: 13px; color: #3d4650; }
QPushButton#factorButton { text-align: left; padding: 0px;
    background: #ffffff; color: #1d232b; border: 2px solid #a9b4c2;
    border-left: 9px solid #a9b4c2; border-radius: 8px; }
QPushButton#factorButton:hover { background: #eef4fb; }
QPushButton#factorButton:focus { border: 3px solid #c05a00; border-left: 9px solid #c05a00; }
QPushButton#factorButton[state="good"] { border-left-color: #2e7d32; }
QPushButton#factorButton[state="attention"] { border-left-color: #c77700; background: #fff8e8; }
QPushButton#factorButton[state="concern"] { border-left-color: #b3261e; background: #fdeeee; }
QPushButton#factorButton[state="concern"] QLabel#factorState { color: #9b1c1c; font-weight: 700; }
QPushButton#factorButton[current="true"] { border-top: 3px solid #14385f;
    border-right: 3px solid #14385f; border-bottom: 3px solid #14385f; }
#factorPanel { background: #f7f8fa; border-left: 1px solid #d5dbe3; }
#factorHead { background: #ffffff; border-bottom: 1px solid #d5dbe3; }
QLabel#factorSide { font-size: 15px; color: #3d4650; }
QLabel#factorNone { font-size: 19px; color: #3d4650; padding: 30px; }
#sessionView QPushButton#factorNav { font-size: 14px; padding: 4px 10px; }
QLabel#speakerLabel { font-size: 16px; font-weight: 600; }
QComboBox#speaker, QLineEdit#newSpeaker { font-size: 16px; min-height: 30px; }
QComboBox#speaker, QComboBox#viewChoice { border: 2px solid #a9b4c2; border-radius: 6px;
    padding: 2px 8px; background: #ffffff; }
QComboBox#speaker:focus, QComboBox#viewChoice:focus { border: 3px solid #c05a00; }
QComboBox#speaker:disabled, QComboBox#viewChoice:disabled { background: #f1f1f1;
    color: #3d4650; border-color: #c5ccd5; }
QLineEdit#viewNote:read-only { background: #f7f8fa; }
#participantViews { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }
QLabel#viewsTitle { font-size: 16px; font-weight: 700; color: #14385f; }
QLabel#viewName { font-size: 15px; font-weight: 600; }
QComboBox#viewChoice, QLineEdit#viewNote { font-size: 15px; min-height: 28px; }
#sessionView QPushButton#addSpeaker, #sessionView QPushButton#closeButton {
    font-size: 15px; padding: 5px 12px; }
QLabel#sideFactors { font-size: 16px; background: #ffffff; border: 1px solid #d5dbe3;
    border-radius: 10px; padding: 10px 14px; }
QLabel#answeredBy { font-size: 14px; color: #3d4650; font-style: italic; }
QLabel#gizHint { font-size: 14px; color: #5a6470; }
#agreementEditor QLineEdit, #agreementEditor QComboBox { font-size: 16px; min-height: 30px; }
"""
