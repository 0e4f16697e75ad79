"""The look of self-report mode: very large, calm, high contrast; the chosen answer shows a
check mark and a thick border, never colour alone."""

from __future__ import annotations

SELFREPORT_STYLE = """
#selfReport { background: #f7f6f2; }
#selfReport QLabel { color: #1b1f24; font-size: 21px; }
QLabel#srTitle { font-size: 34px; font-weight: 700; color: #14385f; }
QLabel#srBody { font-size: 23px; }
QLabel#srSmall { font-size: 16px; color: #3d4650; }
QLabel#srDomain { font-size: 22px; font-weight: 700; color: #1f4e79; }
QLabel#srQuestion { font-size: 29px; font-weight: 700; color: #1b1f24; }
QLabel#srHelp { font-size: 19px; color: #3d4650; }
QLabel#srProgress { font-size: 19px; font-weight: 600; color: #1f4e79; }
QLabel#srStatus { font-size: 18px; color: #1d5e2a; }
QLabel#srStatus[state="error"] { color: #9b1c1c; font-weight: 700; }
QLabel#srError { font-size: 20px; color: #9b1c1c; font-weight: 700; }
QLabel#srWait { font-size: 20px; color: #1d232b; }
QProgressBar#srProgressBar { border: 1px solid #8a949e; border-radius: 7px; background: #ffffff;
    min-height: 14px; max-height: 14px; }
QProgressBar#srProgressBar::chunk { background: #1f4e79; border-radius: 6px; }
#selfReport QPushButton { font-size: 22px; padding: 10px 24px; border-radius: 12px;
    border: 2px solid #1f4e79; background: #ffffff; color: #14385f; min-height: 40px; }
#selfReport QPushButton:focus { border: 3px solid #c05a00; }
#selfReport QPushButton:disabled { color: #8a939e; border-color: #c5ccd5; background: #eceae4; }
QPushButton#srAnswer { font-size: 24px; font-weight: 600; min-height: 50px; text-align: left;
    padding: 8px 28px; border: 3px solid #8a949e; }
QPushButton#srAnswer[rtl="true"] { text-align: right; }
QPushButton#srAnswer:checked { background: #dcebfb; border: 6px solid #14385f; color: #0f2b4a;
    padding: 5px 25px; }
QPushButton#srDecline { font-size: 20px; min-height: 40px; border: 2px dashed #3d4650;
    color: #3d4650; background: #f7f6f2; }
QPushButton#srDecline:checked { background: #eceae4; border: 5px solid #3d4650; color: #1b1f24;
    padding: 7px 21px; }
QPushButton#srPrimary { background: #1f4e79; color: #ffffff; font-weight: 700; }
QPushButton#srPrimary:disabled { background: #c9d3dd; color: #5b6570; border-color: #c9d3dd; }
QPushButton#srLanguage { font-size: 30px; font-weight: 600; min-height: 64px; min-width: 420px; }
QPushButton#srSpeak { font-size: 19px; }
QScrollArea#srQuestionScroll, QWidget#srQuestionBody { background: transparent; border: none; }
#selfReport[compact="true"] QPushButton { padding: 4px 20px; min-height: 36px; }
#selfReport[compact="true"] QPushButton#srAnswer { padding: 3px 28px; min-height: 36px; }
#selfReport[compact="true"] QPushButton#srAnswer:checked { padding: 0px 25px; }
#selfReport[compact="true"] QLabel#srQuestion { font-size: 26px; }
#selfReport[compact="true"] QPushButton#srDecline { padding: 2px 20px; min-height: 32px; }
#selfReport[compact="true"] QPushButton#srDecline:checked { padding: 0px 17px; }
#selfReport[compact="true"] QPushButton#srSpeak { padding: 2px 16px; min-height: 30px; }
#selfReport[compact="true"] QPushButton#srLanguage { padding: 4px 24px; min-height: 44px; }
#selfReport[compact="true"] QPushButton#srCoverButton { min-height: 64px; }
QPlainTextEdit#srText, QLineEdit#srPin { font-size: 24px; background: #ffffff;
    border: 2px solid #8a949e; border-radius: 10px; padding: 6px 10px; min-height: 52px; }
QLineEdit#srNumber { font-size: 28px; background: #ffffff; border: 2px solid #8a949e;
    border-radius: 10px; padding: 6px 12px; min-height: 52px; }
QLineEdit#srNumber:focus { border: 3px solid #c05a00; }
QLineEdit#srPin:focus, QPlainTextEdit#srText:focus { border: 3px solid #c05a00; }
QFrame#srCard { background: #ffffff; border: 2px solid #1f4e79; border-radius: 16px; }
#srCover { background: #1f4e79; }
#srCover QLabel { color: #ffffff; }
QPushButton#srCoverButton { font-size: 30px; min-height: 80px; min-width: 320px; background: #ffffff;
    color: #14385f; border: 3px solid #ffffff; }
"""
