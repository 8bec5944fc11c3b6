"""The strings of the participatory budget section, French and English, under keys ``budget.*``.

:data:`STRINGS` maps each key to its (French, English) text; the fields in
braces are filled by :func:`~commons_analysis.reporting.sections.budgeting.formatting.bt`.

>>> STRINGS["budget.heading"]
('Budget participatif', 'Participatory budget')
"""

# Each entry: key -> (French, English).
STRINGS: dict[str, tuple[str, str]] = {
    "budget.heading": ("Budget participatif", "Participatory budget"),
    "budget.heading.public_power": (
        "Budget participatif : qui propose, où va l'argent, ce que décide la règle",
        "Participatory budget: who proposes, where the money goes, what the rule decides",
    ),
    "budget.heading.distant_people": (
        "Budget participatif : qui vote, et qui voit un de ses projets financé",
        "Participatory budget: who votes, and who sees one of their projects funded",
    ),
    "budget.heading.practices_tools": (
        "Budget participatif : comment on vote, et la règle de décompte comme outil",
        "Participatory budget: how people vote, and the counting rule as a tool",
    ),
    "budget.heading.network": (
        "Budget participatif : les soutiens restent-ils dans le quartier ?",
        "Participatory budget: does support stay inside the district?",
    ),
    "budget.votes": (
        "{votes} votes, {ballots} bulletins, {projects} projets ; éditions : {editions}.",
        "{votes} votes, {ballots} ballots, {projects} projects; editions: {editions}.",
    ),
    "budget.selection_note": (
        "Ensemble financé « selon la ville » : la sélection publiée quand le fichier en donne une, sinon ce "
        "que sélectionne la règle déclarée (la ville ne publie alors pas la liste des projets financés). "
        "Quand un vote est découpé en votes de quartier, l'argent est compté dans les votes de quartier.",
        "Funded set \u201cby the city\u201d: the published selection where the file gives one, else what the "
        "declared rule selects (the city then publishes no list of funded projects). Where a vote is split "
        "into district votes, the money is counted in the district votes.",
    ),
    # public power
    "budget.proposers.title": (
        "Qui propose : projets par secteur du porteur",
        "Who proposes: projects by sector",
    ),
    "budget.proposers.none": (
        "Les fichiers ne disent pas qui a proposé les projets.",
        "The files do not say who proposed the projects.",
    ),
    "budget.proposers.unknown": ("non renseigné", "not recorded"),
    "budget.proposers.top": ("Porteurs ayant proposé le plus de projets", "Proposers with the most projects"),
    "budget.col.edition": ("Édition", "Edition"),
    "budget.col.sector": ("Secteur du porteur", "Proposer's sector"),
    "budget.col.proposer": ("Porteur", "Proposer"),
    "budget.col.projects": ("Projets", "Projects"),
    "budget.col.funded": ("Financés", "Funded"),
    "budget.col.proposed_cost": ("Coût proposé", "Cost proposed"),
    "budget.col.funded_cost": ("Montant financé", "Amount funded"),
    "budget.col.district": ("Quartier", "District"),
    "budget.col.category": ("Catégorie", "Category"),
    "budget.col.share": ("Part du budget financé", "Share of the funded budget"),
    "budget.col.city": ("Financés (ville)", "Funded (city)"),
    "budget.col.equal_shares": ("Financés (parts égales)", "Funded (Equal Shares)"),
    "budget.col.gained": ("Gagnés", "Gained"),
    "budget.col.lost": ("Perdus", "Lost"),
    "budget.col.cost_gained": ("Montant gagné", "Amount gained"),
    "budget.col.cost_lost": ("Montant perdu", "Amount lost"),
    "budget.col.project": ("Projet", "Project"),
    "budget.col.cost": ("Coût", "Cost"),
    "budget.col.votes": ("Voix", "Votes"),
    "budget.col.departure": ("Écart", "Departure"),
    "budget.col.voters": ("Votants", "Voters"),
    "budget.col.per_voter": ("Budget par votant", "Budget per voter"),
    "budget.col.group": ("Groupe", "Group"),
    "budget.col.represented_city": (
        "Au moins un projet financé (ville)",
        "At least one project funded (city)",
    ),
    "budget.col.represented_es": (
        "Au moins un projet financé (parts égales)",
        "At least one project funded (Equal Shares)",
    ),
    "budget.col.age_band": ("Âge", "Age"),
    "budget.col.sex": ("Sexe", "Sex"),
    "budget.col.rule": ("Règle", "Rule"),
    "budget.col.left_out": ("Votants sans aucun projet financé", "Voters with nothing funded"),
    "budget.col.mean_length": ("Projets par bulletin (moyenne)", "Projects per ballot (mean)"),
    "budget.col.max_length": ("Maximum autorisé", "Maximum allowed"),
    "budget.col.full_share": ("Bulletins complets", "Full ballots"),
    "budget.col.single_share": ("Bulletins d'un seul projet", "Single-project ballots"),
    "budget.col.vote": ("Vote", "Vote"),
    "budget.col.ties": ("Liens", "Ties"),
    "budget.col.ei": ("Indice E-I", "E-I index"),
    "budget.col.ei_weighted": ("E-I pondéré", "Weighted E-I"),
    "budget.col.assortativity": ("Assortativité pondérée", "Weighted assortativity"),
    "budget.col.reading": ("Lecture", "Reading"),
    "budget.col.population": ("Habitants", "Residents"),
    "budget.col.turnout": ("Participation", "Turnout"),
    "budget.col.beneficiary": ("Bénéficiaires", "Beneficiaries"),
    "budget.by_district.title": ("Budget financé par quartier", "Funded budget by district"),
    "budget.by_category.title": ("Budget financé par catégorie", "Funded budget by category"),
    "budget.amount_axis": ("montant financé ({currency})", "amount funded ({currency})"),
    "budget.by_category.caption": (
        "Un projet de deux catégories compte dans les deux : les parts peuvent dépasser 100 % au total.",
        "A project of two categories counts in both: the shares may add up to more than 100%.",
    ),
    "budget.rule_changes.title": (
        "Ce que changerait une règle proportionnelle (méthode des parts égales), quartier par quartier",
        "What a proportional rule (Method of Equal Shares) would change, district by district",
    ),
    "budget.rule_changes.summary": (
        "Avec la méthode des parts égales (complétion Add1) : projets financés en plus : {gained} "
        "({cost_gained}) ; projets qui ne le seraient plus : {lost} ({cost_lost}).",
        "With the Method of Equal Shares (Add1 completion): projects funded in addition: {gained} "
        "({cost_gained}); projects no longer funded: {lost} ({cost_lost}).",
    ),
    "budget.departures.title": ("Écarts à la règle déclarée", "Departures from the declared rule"),
    "budget.departures.none": (
        "Là où la ville publie sa sélection, elle suit la règle déclarée : aucun écart.",
        "Where the city publishes its selection, it follows the declared rule: no departure.",
    ),
    "budget.departures.unpublished": (
        "Aucun fichier ne publie la sélection de la ville : les écarts à la règle ne peuvent pas être lus.",
        "No file publishes the city's selection: departures from the rule cannot be read.",
    ),
    "budget.departure.published_only": (
        "financé bien que la règle ne le retienne pas",
        "funded though the rule would not",
    ),
    "budget.departure.rule_only": (
        "retenu par la règle mais non financé",
        "selected by the rule but not funded",
    ),
    # distant people
    "budget.ballots.title": ("Bulletins par quartier et par édition", "Ballots by district and edition"),
    "budget.ballots.axis": ("bulletins", "ballots"),
    "budget.ballots.caption": (
        "Votants d'un quartier : les bulletins qui choisissent au moins un projet du quartier (un bulletin "
        "qui choisit des projets de deux quartiers compte dans les deux). Moins de {k} bulletins : non "
        "affiché.",
        "Voters of a district: the ballots that choose at least one project of the district (a ballot "
        "choosing "
        "projects of two districts counts in both). Fewer than {k} ballots: not shown.",
    ),
    "budget.ballots.fewest": (
        "Édition {edition} : le quartier le moins votant est « {district} » ({voters} bulletins, contre une "
        "médiane de {median} par quartier).",
        "Edition {edition}: the district with the fewest ballots is \u201c{district}\u201d "
        "({voters} ballots, "
        "against a median of {median} per district).",
    ),
    "budget.per_voter.title": (
        "Budget financé par votant, par quartier",
        "Funded budget per voter, by district",
    ),
    "budget.per_voter.axis": ("montant par votant ({currency})", "amount per voter ({currency})"),
    "budget.per_voter.caption": (
        "Somme des coûts des projets financés situés dans le quartier, divisée par les votants du quartier.",
        "Sum of the costs of the funded projects located in the district, over the voters of the district.",
    ),
    "budget.age_sex.title": ("Votants par âge et par sexe", "Voters by age and sex"),
    "budget.age_sex.none": (
        "Les fichiers ne donnent ni l'âge ni le sexe des votants.",
        "The files give neither the voters' age nor their sex.",
    ),
    "budget.represented.title": (
        "Part des votants qui voient au moins un de leurs projets financés",
        "Share of voters who see at least one of their projects funded",
    ),
    "budget.represented.axis": ("part des votants du groupe", "share of the group's voters"),
    "budget.represented.caption": (
        "Pour chaque groupe, la part des votants dont au moins un projet choisi est financé, selon la règle "
        "de la ville et selon la méthode des parts égales. Groupes de moins de {k} votants non affichés.",
        "For each group, the share of voters with at least one chosen project funded, under the city's rule "
        "and under the Method of Equal Shares. Groups of fewer than {k} voters not shown.",
    ),
    "budget.by.edition": ("par édition", "by edition"),
    "budget.by.district": ("par quartier", "by district"),
    "budget.by.age_band": ("par tranche d'âge", "by age band"),
    "budget.by.sex": ("par sexe", "by sex"),
    "budget.by.method": ("par mode de vote", "by voting method"),
    "budget.rule.city": ("règle de la ville", "city's rule"),
    "budget.rule.equal_shares": ("parts égales", "Equal Shares"),
    "budget.rule.greedy": ("glouton (par voix)", "greedy (by votes)"),
    "budget.unknown": ("non renseigné", "not recorded"),
    "budget.beneficiaries.title": (
        "Part du budget financé allant à des projets destinés à…",
        "Share of the funded budget going to projects meant for…",
    ),
    "budget.beneficiaries.caption": (
        "Un projet peut viser plusieurs publics : il compte pour chacun.",
        "A project may be meant for several groups: it counts for each.",
    ),
    "budget.turnout.title": ("Participation rapportée aux habitants", "Turnout against residents"),
    "budget.turnout.absent": (
        "Le cas n'a pas de table des habitants (population) : la participation ne peut pas être rapportée "
        "au nombre d'habitants des quartiers ou des groupes d'âge.",
        "The case has no table of residents (population): turnout cannot be set against the number of "
        "residents of the districts or age groups.",
    ),
    "budget.limits": (
        "Ce que ces données ne disent pas : les identifiants des votants sont propres à chaque fichier et "
        "repartent de zéro à chaque édition ; on ne peut donc pas savoir qui revient d'une édition à l'autre "
        "ni compter de nouveaux votants. Les bulletins ne disent pas où habitent les votants.",
        "What these data cannot tell: voter ids belong to each file and start again at every edition, so "
        "nobody can be followed from one edition to the next and newcomers cannot be counted. The ballots do "
        "not say where the voters live.",
    ),
    # practices and tools
    "budget.method.title": ("Mode de vote par tranche d'âge", "Voting method by age band"),
    "budget.method.axis": ("part des votants de la tranche", "share of the band's voters"),
    "budget.method.caption": (
        "Cellules de moins de {k} votants non affichées : la barre s'arrête alors avant 100 %.",
        "Cells of fewer than {k} voters not shown: the bar then stops short of 100%.",
    ),
    "budget.method.none": (
        "Les fichiers ne disent pas comment on a voté.",
        "The files do not say how people voted.",
    ),
    "budget.length.title": ("Longueur des bulletins", "Ballot length"),
    "budget.length.axis": ("projets choisis sur le bulletin", "projects chosen on the ballot"),
    "budget.length.caption": (
        "Part des bulletins de chaque longueur, par édition ; le maximum autorisé est dans le tableau.",
        "Share of the ballots of each length, by edition; the maximum allowed is in the table.",
    ),
    "budget.left_out.title": (
        "La règle comme outil : votants sans aucun projet financé",
        "The rule as a tool: voters with nothing funded",
    ),
    # network
    "budget.network.title": ("Réseau de co-soutien des projets", "Co-support network of the projects"),
    "budget.network.intro": (
        "Deux projets sont liés quand des votants les choisissent tous deux ; le lien pèse le nombre de ces "
        "votants. Secteur d'un projet : {by}. Indice E-I proche de −1, assortativité proche de 1 : les "
        "soutiens restent à l'intérieur. Comme presque toutes les paires de projets ont au moins un votant "
        "en commun, c'est l'indice pondéré qui se lit, et qui est comparé au hasard (secteurs tirés au sort "
        "entre les projets).",
        "Two projects are tied when voters choose both; the tie weighs the number of those voters. A "
        "project's sector: {by}. An E-I index near −1 and an assortativity near 1: support stays inside. As "
        "nearly every pair of projects shares at least one voter, the weighted index is the one to read, "
        "and the one compared with chance (sectors drawn at random among the projects).",
    ),
    "budget.network.by.district": ("son quartier", "its district"),
    "budget.network.by.category": ("sa première catégorie", "its first category"),
    "budget.network.one_district": (
        "Chaque vote ne porte que sur un quartier : le soutien ne peut pas franchir les limites des "
        "quartiers, "
        "le réseau est donc lu par catégorie.",
        "Each vote covers one district only: support cannot cross district lines, so the network is read "
        "by category.",
    ),
}
