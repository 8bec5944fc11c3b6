"""The sections of a case report, one module per perspective, each a set of functions of a report context.

Every function takes a :class:`~commons_analysis.reporting.context.ReportContext`
(the case as shown, the published figures, the settings) and returns a block
(:mod:`~commons_analysis.reporting.blocks`) that a notebook cell displays:

* :mod:`.overview` — the case at a glance, how it was built from public
  records, each perspective's heading and headline cards;
* :mod:`.network` — the cooperation network: map, ties between sectors and
  what chance gives, brokers, the network over time, co-participation;
* :mod:`.public_power` — the role of public power: flows of money and
  in-kind support, who initiates decisions, who supports whose proposals;
* :mod:`.distant_people` — people far from public action: attendance,
  turnout, concentration (Lorenz), inclusion, hours;
* :mod:`.practices` — practices and tools: decision rules, open events,
  facilitation, Ostrom's principles, Arnstein's ladder;
* :mod:`.glossary` — the technical words of the report and what they mean;
* :mod:`.provenance` — the footer (versions, data files, parameters) and the
  entry of the report in the index;
* :mod:`.budgeting` — participatory budgets (``report.budgeting``), for a case
  that records budget votes;
* :mod:`.evidence` — what the sources say, their codings and the agreement
  between coders (``report.evidence``), for a case with sources and codings;
  :mod:`.evidence_comparison` — the comparison's cases × codes and
  recommendations (``comparison.evidence``), from the cases as shown.

Adding a section is one module here and one call in the notebook (see
docs/design.md §Report architecture): its functions take the context, so
the privacy rules, the language and the settings come with it.
"""
