"""The head of the tiny test forms (id, scale of two points, one parent step) the format tests
build on: each test adds the domains, items and outcomes it is about."""

TINY_HEAD = """\
id: tiny
version: 1.0.0
instrument: other
languages: [nl]
title: {nl: Klein}
notice: {nl: Test}
scales:
  - id: s
    points: [{value: 1, label: {nl: een}}, {value: 2, label: {nl: twee}}]
steps:
  - {id: p, answered_by: parent, title: {nl: Ouder}}
"""
