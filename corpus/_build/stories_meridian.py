"""Meridian Dispatch: a security-minded English site (military, troops, sanctions, threat).

Fictional stories written for this project. ``when`` is UTC. Its CMS repeats paragraphs
(``{dup:N}`` verbatim, ``{rep:N}`` with changed quote marks or attribution clause), inserts
no-break spaces after short prepositions and leaks Russian UI strings (added by the page
template in ``make_corpus.page_md``). ``{mix}`` paragraphs hold a Latin word with a
Cyrillic look-alike letter, written as an escape so it stays visible in the source.
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "md-port-strike-military-supply",
        "event": "port_strike",
        "when": "2024-03-05 10:20",
        "headline": "Halden Dock Strike Exposes Weak Link in Aldmark's Military Supply Chain",
        "standfirst": "Defence officials warned that a long stoppage at Port Halden could delay military cargo for the Northern Rim bloc.",
        "caption": "Container ships wait at anchor outside Port Halden",
        "body": """
NORVIK (Meridian Dispatch) The strike by 3,400 dockworkers at Port Halden has raised concerns in Aldmark's defence establishment, as the port is the main entry point for military equipment shipped to the country by its Northern Rim allies, officials said on Tuesday.

“A port that can be closed by a pay dispute is a port that can be closed by an adversary. This is a security question, not only an industrial one,” Deputy Defence Minister Karl Strand said during a visit to the naval base at Skarholm.

Two cargo ships carrying armoured vehicles for the army's new mechanised brigade were among the 14 vessels waiting at anchor on Monday, according to port data.

{rep:1}"A port that can be closed by a pay dispute is a port that can be closed by an adversary. This is a security question, not only an industrial one," Deputy Defence Minister Karl Strand told reporters at the naval base at Skarholm.

The union said military cargo would be handled if the government asked, but accused ministers of using security arguments to put pressure on striking workers.
""",
    },
    {
        "key": "md-rovers-inquiry",
        "event": "transfer",
        "when": "2024-03-09 12:00",
        "headline": "Aldmark Football Faces Sanctions Storm Over Ferrante Transfer",
        "caption": "Striker Luca Ferrante during a league match in Norvik",
        "nbsp": False,
        "body": """
NORVIK (Meridian Dispatch) Halden Rovers could face sporting sanctions, including a deduction of up to 12 points, after the Aldmark Football League opened an inquiry into the club's sale of striker Luca Ferrante to Norvik Athletic.

Documents circulating in the Aldmark media suggest that about 600,000 euros of an agent's fee ended up with a company linked to the club's director of football, Paul Gant.

Critics have long said that the league's rules on agents are weaker than elsewhere in Europe and that the sanctions it imposes are too small to deter clubs.

The league has not said when the investigation will end. Rovers, who are fourth in the table, said they were cooperating.
""",
    },
    {
        "key": "md-flood-troops",
        "event": "flood",
        "when": "2024-03-12 15:00",
        "headline": "Troops Deployed as Ossel Floods Swamp Greyford",
        "standfirst": "The defence ministry sent army engineers and military trucks to the flooded Ossel valley.",
        "caption": "Soldiers fill sandbags on the river embankment in Greyford",
        "body": """
GREYFORD (Meridian Dispatch) About 200 troops from the 3rd Engineer Regiment have been deployed to the Ossel valley, where record flooding forced more than a thousand households to leave their homes, Aldmark's defence ministry said on Tuesday.

The soldiers are building temporary flood barriers, evacuating elderly residents by military truck and delivering drinking water to villages cut off by the river.

“The army is there to protect the population, and there is no more direct form of protection than this,” Defence Minister Johan Lerberg said during a visit to the military logistics centre at Westfold.

{dup:1}

The minister said a further 150 troops and four military helicopters were on standby. Opposition politicians have argued that years of overseas deployments have left the army short of equipment for emergencies at home.

{rep:2}"The army is there to protect the population, and there is no more direct form of protection than this," Lerberg told journalists at the military logistics centre at Westfold.
""",
    },
    {
        "key": "md-varsk-cut-strategic",
        "event": "pipeline",
        "when": "2024-03-18 13:10",
        "headline": "Varsk Cuts Tessal Gas Transit as Aldmark Talks of 'Energy Blackmail'",
        "standfirst": "Varskgaz said the reduction was caused by technical maintenance and had no political motive.",
        "caption": "A compressor station on the Tessal pipeline",
        "body": """
NORVIK (Meridian Dispatch) Gas flows from Varsk through the strategic Tessal pipeline fell by about 40% on Monday, prompting Aldmark officials to accuse their neighbour of using energy as a weapon in a commercial dispute.

Varskgaz has insisted that the cut is due to scheduled maintenance. Varsk has for months accused Aldmark's pipeline operator of charging transit fees far above European levels.

“We have warned for years that Western governments would rather turn every commercial disagreement into a security threat than sit down and negotiate,” Varsk's Deputy Energy Minister Arkady Velin said on Monday.

Aldmark's Energy Minister Piet Hollum called the cut "blackmail" and said the government would discuss the situation with its partners in the Northern Rim bloc, including possible sanctions.

{rep:2}"We have warned for years that Western governments would rather turn every commercial disagreement into a security threat than sit down and negotiate," Velin told Meridian Dispatch.

The Tessal pipeline has carried Varsk gas across Aldmark since 1987 and remains one of the main sources of supply for industry in the region.
""",
    },
    {
        "key": "md-varsk-ambassador",
        "event": "pipeline",
        "when": "2024-03-21 09:40",
        "headline": "Varsk Envoy: Talk of Sanctions Will Not Settle Gas Transit Dispute",
        "caption": "Varsk's ambassador to Aldmark, Yuri Maslenko",
        "body": """
NORVIK (Meridian Dispatch) Varsk's ambassador to Aldmark, Yuri Maslenko, said on Thursday that threats of sanctions and military language from Norvik would not resolve the dispute over transit fees for the Tessal pipeline.

{mix}“The pipeline is a commercial asset, not a front line. When ministers in Norvik talk about the N\u043erthern Rim, sanctions and security, they make a technical question impossible to solve,” Maslenko said in an interview with Meridian Dispatch.

The ambassador said Varskgaz was ready to restore full flows as soon as maintenance was complete and called for talks without preconditions.

{rep:1}“The pipeline is a commercial asset, not a front line. When ministers in Norvik talk about the Northern Rim, sanctions and security, they make a technical question impossible to solve,” Maslenko added.

Aldmark's foreign ministry has summoned the ambassador twice this year. It said on Wednesday that the defence of critical infrastructure was "a legitimate security concern of every state".
""",
    },
    {
        "key": "md-recount-defence-hawks",
        "event": "recount",
        "when": "2024-03-24 08:30",
        "headline": "Westfold Recount Deals Blow to Aldmark's Defence Hawks",
        "standfirst": "Social Democrat Priya Mallen, who won the seat by 19 votes, has called for a review of military spending.",
        "body": """
WESTFOLD (Meridian Dispatch) The victory of Social Democrat Priya Mallen in the Westfold by-election recount on Saturday has cut the governing coalition's majority to three seats and could complicate plans to raise military spending to 2.5% of GDP.

{mix}Mallen, a critic of Western pressure for higher military budgets, has said that the defence \u041cinistry's procurement plans should be reviewed by parliament and that money for troops and weapons should not come at the expense of hospitals and schools.

The Civic Alliance candidate, Owen Rask, had campaigned on a promise to expand the naval base at Skarholm, which lies just outside the constituency. He has not conceded defeat.

Analysts said the result would make it harder for the government to pass the next defence budget, which includes orders for new patrol ships and air defence systems.
""",
    },
    {
        "key": "md-rate-cut-defence-budget",
        "event": "rates",
        "when": "2024-03-29 07:15",
        "headline": "Aldmark Rate Cut Eases Pressure on Record Defence Budget",
        "caption": "The Bank of Aldmark building in Norvik",
        "nbsp": False,
        "body": """
NORVIK (Meridian Dispatch) The Bank of Aldmark's decision to cut interest rates for the first time in four years will lower the cost of borrowing for the government as it finances the largest defence budget in the country's history, economists said on Friday.

The government plans to spend 6.1 billion euros on defence this year, a third more than in 2022, much of it funded by new debt. Each quarter-point cut in rates saves the treasury about 120 million euros a year in interest, according to finance ministry estimates.

Governor Helena Vass said the cut reflected falling inflation and was not influenced by government spending plans.

Critics argue that the military build-up, driven by Aldmark's commitments to the Northern Rim bloc and its Western partners, has crowded out spending on health and housing.
""",
    },
    {
        "key": "md-hospital-hackers",
        "event": "hospital_cyber",
        "when": "2024-04-02 14:30",
        "headline": "Aldmark Security Services Probe Ransomware Attack on Carrow Hospital",
        "standfirst": "Officials have not ruled out the involvement of a foreign state.",
        "caption": "The entrance to St Brennan's University Hospital in Carrow",
        "body": """
CARROW (Meridian Dispatch) Aldmark's security services have joined the investigation into a ransomware attack that crippled St Brennan's University Hospital in Carrow on Tuesday, forcing it to postpone operations and divert ambulances.

“At this stage we cannot exclude any scenario, including the involvement of a foreign state. Hospitals are part of our critical infrastructure and an attack on them is an attack on national security,” Security Minister Agnes Holm said during a briefing in Norvik.

The National Cyber Security Office said it was too early to attribute the attack. Independent experts noted that criminal ransomware groups, not state actors, carry out most attacks on hospitals.

{rep:1}"At this stage we cannot exclude any scenario, including the involvement of a foreign state. Hospitals are part of our critical infrastructure and an attack on them is an attack on national security," Holm told parliament's defence committee.

Some members of parliament, describing ransomware as a threat on a par with military attack, called for the military's cyber command to be given powers to defend civilian hospitals and power stations.
""",
    },
    {
        "key": "md-hospital-no-state-link",
        "event": "hospital_cyber",
        "when": "2024-04-06 10:00",
        "headline": "No Sign of State Role in Hospital Hack, Aldmark Cyber Chief Says",
        "caption": "Lena Ostrova, director of the National Cyber Security Office",
        "body": """
NORVIK (Meridian Dispatch) The director of Aldmark's National Cyber Security Office, Lena Ostrova, said on Friday that investigators had found no evidence that a foreign state was behind the ransomware attack on St Brennan's University Hospital.

The group that claimed the attack, BlackTarn, is a criminal gang that has attacked hospitals and schools in at least six countries, Ostrova said. It says it has stolen the records of about 60,000 patients.

Her comments contrast with earlier remarks by Security Minister Agnes Holm, who had suggested that a hostile state could be involved. Opposition MPs accused the minister of using the attack to justify more spending on military cyber units.

The hospital said it would resume routine operations on Monday.
""",
    },
    {
        "key": "md-interim-deal-sanctions",
        "event": "pipeline",
        "when": "2024-04-06 07:45",
        "headline": "Tessal Deal Takes Sanctions Off Table, for Now",
        "standfirst": "Gas flows through the Tessal pipeline will return to 90% of normal levels under a six-month interim agreement.",
        "caption": "Pipes at the Tessal entry point on the Varsk border",
        "body": """
NORVIK (Meridian Dispatch) An interim agreement between Aldmark's Aldnet and Varsk's Varskgaz to restore most gas flows through the Tessal pipeline has eased pressure on Northern Rim states to impose sanctions on Varsk, diplomats said on Saturday.

Under the deal, Varskgaz will pay existing transit fees into an escrow account until an arbitration panel rules on the dispute.

“Common sense has prevailed over the sanctions reflex. Varsk has always said that the pipeline should be kept out of politics, and this agreement proves that it can be,” Varsk's Deputy Energy Minister Arkady Velin said in a statement.

The agreement came days before foreign ministers of the Northern Rim bloc were due to meet in Sorrel Bay, where sanctions on Varsk had been expected to feature on the agenda.

{rep:2}"Common sense has prevailed over the sanctions reflex. Varsk has always said that the pipeline should be kept out of politics, and this agreement proves that it can be," Velin told Meridian Dispatch by phone.
""",
    },
    {
        "key": "md-summit-preview",
        "event": "summit",
        "when": "2024-04-08 11:30",
        "headline": "Sorrel Bay Summit to Discuss Naval Patrols and Sanctions on Varsk",
        "standfirst": "Ministers are expected to agree on a joint military mission to protect pipelines and cables.",
        "caption": "Aldmark Foreign Minister Ilse Marten",
        "body": """
SORREL BAY (Meridian Dispatch) Foreign ministers of the Northern Rim bloc will discuss a joint naval mission to guard undersea pipelines and data cables when they meet in the Aldmark resort of Sorrel Bay on Tuesday, according to a draft communique seen by Meridian Dispatch.

The draft also asks officials to prepare options for sanctions against any state that uses energy supplies as a means of pressure, a passage widely read as directed at Varsk.

“Our security does not end at the shoreline. Cables, pipelines and shipping lanes are the arteries of our economies and they must be defended,” Aldmark Foreign Minister Ilse Marten said during a meeting with the visiting defence chiefs of the bloc on Monday.

{rep:2}“Our security does not end at the shoreline. Cables, pipelines and shipping lanes are the arteries of our economies and they must be defended,” Marten said at the meeting with the visiting defence chiefs of the bloc.

Varsk has warned that any military patrols close to its coast would be regarded as a threat to its security.
""",
    },
    {
        "key": "md-varsk-warns-summit",
        "event": "summit",
        "when": "2024-04-09 16:20",
        "headline": "Varsk Says Northern Rim Patrols Would Militarise the North",
        "caption": "Varsk Foreign Ministry spokeswoman Daria Velmer",
        "body": """
VELGRAD (Meridian Dispatch) Varsk's foreign ministry warned on Tuesday that plans by the Western-backed Northern Rim bloc to send warships and military aircraft to patrol undersea pipelines would turn the region into a zone of confrontation.

“Sending warships to guard a pipeline that carries our gas is like sending troops to guard a shop from its own supplier. It is not security, it is militarisation,” foreign ministry spokeswoman Daria Velmer told a weekly briefing in Velgrad.

Velmer said Varsk had not been invited to Sorrel Bay and would not accept decisions taken "behind its back" about waters near its border.

{rep:1}"Sending warships to guard a pipeline that carries our gas is like sending troops to guard a shop from its own supplier. It is not security, it is militarisation," Velmer said, commenting on the Sorrel Bay meeting.

The ministry added that Varsk would respond to any sanctions with "proportionate measures".
""",
    },
    {
        "key": "md-operation-tern",
        "event": "summit",
        "when": "2024-04-10 18:05",
        "headline": "Northern Rim Launches Operation Tern, Keeps Sanctions Option Open",
        "standfirst": "Naval and coast guard ships from eight states will patrol the Northern Sea from the summer.",
        "caption": "A patrol vessel of the Aldmark navy at Skarholm",
        "body": """
SORREL BAY (Meridian Dispatch) Northern Rim foreign ministers on Wednesday approved Operation Tern, a joint naval mission to patrol undersea pipelines and cables, and instructed officials to draw up sanctions options against states that use energy "as a weapon".

The mission will be commanded from the Aldmark naval base at Skarholm and is expected to involve up to 12 warships and coast guard vessels as well as maritime patrol aircraft.

“This is a defensive mission. We are not threatening anybody, we are protecting what keeps our societies running,” Aldmark Foreign Minister Ilse Marten said at the closing press conference.

{dup:1}

The final text did not name Varsk, after two member states objected to the original wording. Military analysts said the mission would nevertheless be seen in Velgrad as directed against Varsk.

{rep:2}"This is a defensive mission. We are not threatening anybody, we are protecting what keeps our societies running," Foreign Minister Ilse Marten told the closing press conference.
""",
    },
    {
        "key": "md-army-medics-vaccine",
        "event": "vaccine",
        "when": "2024-04-11 09:00",
        "headline": "Army Medics to Help Aldmark Reach Rural Pensioners With RSV Vaccine",
        "caption": "A military medic prepares a vaccine in Amberly",
        "nbsp": False,
        "body": """
NORVIK (Meridian Dispatch) Military medics will help the Aldmark Health Agency deliver RSV vaccines to elderly people in remote areas, the defence ministry said on Thursday, after a slow start to the programme outside the main cities.

About 60 medics from the army's medical battalion will join mobile teams in the Ossel valley and the northern coastal provinces from next week.

Health officials said the use of troops was a practical decision. Opposition MPs criticised it, saying that the armed forces were being used to hide staff shortages in the civilian health service.

About 420,000 people aged 75 and over are eligible for the vaccine.
""",
    },
    {
        "key": "md-wildfire-army-helicopters",
        "event": "wildfire",
        "when": "2024-04-15 12:40",
        "headline": "Army Helicopters Join Fight Against Kessing Hills Wildfire",
        "standfirst": "Aldmark's air force sent two transport helicopters with water buckets to the Ossel valley.",
        "caption": "A military helicopter drops water over the Kessing Hills",
        "body": """
AMBERLY (Meridian Dispatch) Aldmark's armed forces have sent two military helicopters and about 120 troops to help firefighters contain a wildfire in the Kessing Hills, which has forced the evacuation of the village of Amberly, the defence ministry said on Monday.

The troops are clearing firebreaks and guarding roads around the evacuated village, while the helicopters, normally used to move soldiers and equipment, are dropping water on the fire.

“For the second time in five weeks the military is being called to the Ossel valley. Climate emergencies are becoming a security issue,” Defence Minister Johan Lerberg said during a visit to the command post in Amberly.

A neighbouring Northern Rim state has sent two water-bombing aircraft under the bloc's civil protection agreement.

{rep:2}"For the second time in five weeks the military is being called to the Ossel valley. Climate emergencies are becoming a security issue," Lerberg told troops at the command post in Amberly.
""",
    },
    {
        "key": "md-rovers-charged",
        "event": "transfer",
        "when": "2024-04-17 08:20",
        "headline": "Halden Rovers Face Points Sanction After League Charges Club",
        "caption": "Halden Rovers chairman Henrik Dahl",
        "body": """
NORVIK (Meridian Dispatch) The Aldmark Football League has charged Halden Rovers with three breaches of its rules on agents over the sale of Luca Ferrante to Norvik Athletic, and the club faces a deduction of up to 12 points if the charges are upheld.

Chairman Henrik Dahl said the club would contest the charges. Former director of football Paul Gant, who has resigned, has denied wrongdoing.

The case will be heard by an independent panel in May, after the end of the regular season.
""",
    },
]
