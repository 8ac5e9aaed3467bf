"""Northbridge Wire: the wire service whose stories other outlets republish.

Fictional stories written for this project. ``when`` is UTC. Body paragraphs are
separated by blank lines (see ``make_corpus.parse_body`` for the ``{tag}`` prefixes).
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "nw-port-walkout",
        "event": "port_strike",
        "when": "2024-03-04 06:40",
        "headline": "Dockworkers walk out at Port Halden after pay talks collapse",
        "body": """
PORT HALDEN, March 4 (Northbridge Wire) - About 3,400 dockworkers at Port Halden, which handles more than a third of Aldmark's container trade, walked off the job at midnight on Monday after talks on pay and automation broke down, the Dock and Harbour Workers' Union said.

The union is seeking a 9% pay rise and guarantees that remote-controlled cranes planned for the North Quay terminal will not cost jobs. Port operator Halden Port & Logistics (HPL) has offered 4.5%.

"We have been patient for eleven months and the company has given us nothing but slogans," union general secretary Tomas Brenner told Northbridge Wire outside the main gate, where several hundred workers had gathered.

An HPL spokesperson said in a statement that the company regretted the union's decision and remained "ready to talk at any hour". The company declined to comment on how many vessels were affected.

Transport Minister Anneli Koss said the government would not intervene in the dispute for now but urged both sides to return to the table. Officials at the port authority said 14 ships were waiting at anchor by Monday morning.
""",
    },
    {
        "key": "nw-league-opens-probe",
        "event": "transfer",
        "when": "2024-03-07 15:20",
        "headline": "Aldmark league opens inquiry into Ferrante transfer fees",
        "body": """
NORVIK, March 7 (Northbridge Wire) - The Aldmark Football League said on Thursday it had opened a formal investigation into January's transfer of striker Luca Ferrante from Halden Rovers to Norvik Athletic, after documents suggested part of an agent's fee was passed to a club official.

The documents, seen by Northbridge Wire, show that agent Viktor Salo received a 2.1 million euro "consultancy fee" on the 14 million euro deal. About 600,000 euros was then paid to a company registered to a relative of Rovers' director of football Paul Gant, according to the papers.

"The league takes any suggestion of improper payments extremely seriously," a league spokesperson said in a statement. "We will not comment further while the investigation is ongoing."

Halden Rovers said it was cooperating fully with the inquiry. Gant did not respond to requests for comment, and Salo's office declined to comment.

Under league rules, clubs found to have broken regulations on agents' fees can face fines or a deduction of up to 12 points.
""",
    },
    {
        "key": "nw-ossel-floods",
        "event": "flood",
        "when": "2024-03-12 08:05",
        "headline": "River Ossel bursts its banks, forcing 1,250 households from their homes",
        "body": """
GREYFORD, March 12 (Northbridge Wire) - The River Ossel burst its banks in several places overnight after 112 millimetres of rain fell in 36 hours, flooding the centre of Greyford and forcing about 1,250 households to leave their homes, officials said on Tuesday.

The river reached 5.9 metres at the Greyford Bridge gauge early on Tuesday, the highest level since records began in 1968, the Aldmark Water Authority said. Water was still rising in the villages of Millbrook and Ashwell downstream.

"This is a very dangerous situation and people in the warning areas must follow the advice of the emergency services," Water Authority spokesperson Karin Holt said.

Police said a 71-year-old man died in Ashwell after his car was swept off a flooded road late on Monday. About 200 soldiers from the 3rd Engineer Regiment were helping to fill sandbags and reinforce flood walls, the defence ministry said.

Greyford Leisure Centre has been turned into a rest centre. Council leader Ruth Fenwick said 340 people had spent the night there.
""",
    },
    {
        "key": "nw-flood-damage-bill",
        "event": "flood",
        "when": "2024-03-15 11:30",
        "headline": "Ossel flood damage could cost insurers 340 million euros",
        "body": """
NORVIK, March 15 (Northbridge Wire) - This week's flooding along the River Ossel is likely to cost insurers about 340 million euros, the Aldmark Insurance Association said on Friday, as residents began returning to homes in Greyford.

The association said it had received more than 6,800 claims so far, mostly for damage to homes, cars and small businesses. Its chief executive, Bjorn Ekdal, said payments for emergency repairs would begin next week.

Prime Minister Lars Tennant, who visited Greyford on Wednesday, said the government would set up a 60 million euro relief fund for households without adequate cover. "No family should be left to face this alone," he told reporters at the town's rest centre.

The Water Authority said river levels had fallen by more than a metre since Tuesday's peak. Officials warned that some roads in the valley would stay closed until bridges had been inspected.
""",
    },
    {
        "key": "nw-westfold-result",
        "event": "recount",
        "when": "2024-03-15 04:10",
        "headline": "Civic Alliance wins Westfold by-election by 212 votes; recount requested",
        "body": """
WESTFOLD, March 15 (Northbridge Wire) - Civic Alliance candidate Owen Rask won the Westfold parliamentary by-election by 212 votes, according to results declared early on Friday, but his Social Democratic rival immediately asked for a full recount.

Rask received 18,406 votes against 18,194 for Priya Mallen, on a turnout of 41%, the returning officer said. The seat fell vacant in January when the sitting member resigned to take up a post at the Northern Rim Council.

Mallen's campaign said it had identified 38 disputed postal ballots and "serious irregularities" in the tally from the Eastholm polling station. "Every vote must be counted properly, and tonight we cannot be sure that it was," Mallen told supporters.

A spokesperson for the Electoral Commission said it would rule on the request within a week. Rask said he was confident the result would stand.
""",
    },
    {
        "key": "nw-varsk-cuts-flows",
        "event": "pipeline",
        "when": "2024-03-18 09:45",
        "headline": "Varsk cuts gas flows through Tessal pipeline by 40% amid fee dispute",
        "body": """
NORVIK, March 18 (Northbridge Wire) - Varsk's state gas company Varskgaz cut flows through the Tessal pipeline across Aldmark by about 40% on Monday, citing technical maintenance, in a move Aldmark officials described as pressure in a long-running dispute over transit fees.

Data from Aldmark pipeline operator Aldnet showed nominations at the Tessal entry point falling to 31 million cubic metres a day from around 52 million cubic metres over the weekend.

"There is no maintenance that requires this. It is a commercial dispute being settled with a valve," Energy Minister Piet Hollum told reporters in Norvik.

Varskgaz said in a statement that the work was scheduled and that flows would be restored "as soon as technically possible". It did not say when the maintenance would end.

The two companies have been at odds since January, when Varskgaz demanded a 30% cut in transit fees. Aldnet says its contract with Varskgaz runs until 2029 and cannot be changed unilaterally.
""",
    },
    {
        "key": "nw-port-deal",
        "event": "port_strike",
        "when": "2024-03-19 17:55",
        "headline": "Port Halden strike ends as union accepts 6.8% pay deal",
        "body": """
PORT HALDEN, March 19 (Northbridge Wire) - Dockworkers at Port Halden will return to work on Wednesday after union members voted to accept a two-year pay deal worth 6.8%, ending a 15-day strike that left dozens of ships waiting off the coast.

The agreement, reached with the help of mediator Elin Marsh, a retired judge, also rules out compulsory redundancies until the end of 2027 and sets up a joint committee to oversee the introduction of automated cranes.

"This is not everything we asked for, but it is a deal our members can live with," Tomas Brenner, general secretary of the Dock and Harbour Workers' Union, said. Seventy-four percent of members who voted backed the offer, the union said.

Halden Port & Logistics chief executive Ingrid Sahlberg said the port would work around the clock to clear the backlog of 41 vessels. Officials said it could take up to three weeks before operations returned to normal.

Transport Minister Anneli Koss welcomed the agreement and thanked the mediator for her work.
""",
    },
    {
        "key": "nw-recount-reverses",
        "event": "recount",
        "when": "2024-03-23 21:30",
        "headline": "Recount hands Westfold seat to Social Democrat Mallen by 19 votes",
        "body": """
WESTFOLD, March 23 (Northbridge Wire) - A full recount in the Westfold by-election reversed the original result on Saturday, giving the seat to Social Democrat Priya Mallen by 19 votes, the returning officer said.

Mallen received 18,402 votes and Civic Alliance candidate Owen Rask 18,383 after two days of counting. Officials said the original tally had been distorted by a transcription error at the Eastholm count table and by 31 postal ballots that had been wrongly rejected.

"Democracy worked tonight because we insisted on checking," Mallen told reporters at the Westfold Sports Hall.

Rask said he would "consider all options" with his lawyers. Electoral Commission chair Gregor Lund said the recount had been conducted under observation by both campaigns and that the result was final unless overturned by a court.
""",
    },
    {
        "key": "nw-rate-cut",
        "event": "rates",
        "when": "2024-03-28 11:05",
        "headline": "Bank of Aldmark cuts interest rates for first time in four years",
        "body": """
NORVIK, March 28 (Northbridge Wire) - The Bank of Aldmark cut its main interest rate by a quarter of a percentage point to 4.00% on Thursday, its first reduction in four years, saying inflation was falling faster than expected.

The Monetary Policy Committee voted five to two for the cut, with two members preferring to keep rates at 4.25%. Annual inflation slowed to 2.9% in February from 3.4% in January, official data showed this month.

"Inflation is coming down and we can begin to ease policy, carefully and step by step," Governor Helena Vass told a news conference. She said the bank was watching gas prices closely after the disruption to flows through the Tessal pipeline.

Most economists polled by Northbridge Wire last week had expected the bank to wait until May. The bank's next decision is due on May 9.
""",
    },
    {
        "key": "nw-hospital-attack",
        "event": "hospital_cyber",
        "when": "2024-04-02 10:15",
        "headline": "Cyber attack forces Carrow hospital to postpone operations",
        "body": """
CARROW, April 2 (Northbridge Wire) - St Brennan's University Hospital in Carrow postponed planned operations and diverted ambulances to other hospitals on Tuesday after a ransomware attack shut down its computer systems, the hospital said.

Chief executive Miriam Kade said staff had switched to paper records overnight. "Patient safety is our absolute priority. Emergency care continues, but people should only come to us if it is truly urgent," she said in a statement.

The National Cyber Security Office said it was working with the hospital to establish the scale of the attack. A spokesperson for the office declined to comment on who might be responsible.

Health Minister Daniel Aro said about 140 operations and several hundred outpatient appointments had been cancelled for Tuesday and Wednesday. Ambulances were being sent to hospitals in Westfold and Greyford, officials said.
""",
    },
    {
        "key": "nw-vass-caution",
        "event": "rates",
        "when": "2024-04-04 16:40",
        "headline": "Bank of Aldmark's Vass says further rate cuts are not on autopilot",
        "body": """
NORVIK, April 4 (Northbridge Wire) - Bank of Aldmark Governor Helena Vass said on Thursday that last week's interest rate cut should not be read as the start of a rapid series of reductions, pointing to uncertainty over energy prices.

"Further cuts are not on autopilot. Each decision will depend on the data," Vass said in a speech at the Norvik School of Economics.

She said the dispute over gas transit through the Tessal pipeline could push household energy bills higher later in the year. Wage growth of around 5% was also still too strong to be consistent with the bank's 2% inflation target, she said.

Traders trimmed bets on a second cut in May after the speech, according to market pricing.
""",
    },
    {
        "key": "nw-hospital-data",
        "event": "hospital_cyber",
        "when": "2024-04-05 13:00",
        "headline": "Hackers claim theft of 60,000 patient records from Carrow hospital",
        "body": """
CARROW, April 5 (Northbridge Wire) - A ransomware group calling itself BlackTarn said on Friday it had stolen records of about 60,000 patients from St Brennan's University Hospital and published a sample of the files online.

The hospital said it was examining the sample, which appeared to include names, dates of birth and appointment details. It said it had reported the incident to the data protection authority and would contact any patients affected.

"We will not pay criminals," Health Minister Daniel Aro said. "Paying would only fund the next attack on another hospital."

Lena Ostrova, director of the National Cyber Security Office, said investigators had found no sign that the attackers had reached systems at other hospitals. She declined to comment on reports that the group had demanded 4 million euros.

St Brennan's said most of its systems had been restored and that routine operations would resume on Monday.
""",
    },
    {
        "key": "nw-interim-gas-deal",
        "event": "pipeline",
        "when": "2024-04-05 18:20",
        "headline": "Aldnet and Varskgaz agree interim deal to restore Tessal gas flows",
        "body": """
NORVIK, April 5 (Northbridge Wire) - Aldmark's pipeline operator Aldnet and Varsk's Varskgaz agreed an interim deal on Friday that will restore gas flows through the Tessal pipeline to about 90% of normal levels while their dispute over transit fees goes to arbitration.

Under the agreement, which runs for six months, Varskgaz will pay the existing fees into an escrow account until an arbitration panel rules, Aldnet chief executive Sofia Renn said.

"It is not a peace treaty, but it keeps the gas flowing and the lights on," Renn told reporters in Norvik.

Energy Minister Piet Hollum said the government would keep building up gas storage as a precaution. Varskgaz said in a statement that the deal showed its readiness for "constructive dialogue".
""",
    },
    {
        "key": "nw-vaccine-rollout",
        "event": "vaccine",
        "when": "2024-04-08 09:30",
        "headline": "Aldmark starts RSV vaccinations for over-75s; booking site buckles",
        "body": """
NORVIK, April 8 (Northbridge Wire) - Aldmark began offering vaccines against respiratory syncytial virus (RSV) to everyone aged 75 and over on Monday, the first programme of its kind in the country, but the national booking website crashed within an hour of opening.

The Aldmark Health Agency said demand in the first hour was nine times the site's expected capacity. About 420,000 people are eligible for the RSV vaccine, and people over 80 and care home residents are also being offered a spring COVID-19 booster.

"We are sorry for the frustration this morning. Nobody will miss out, and there is plenty of vaccine," the agency's chief executive, Sanna Whitlock, said.

Pharmacies will give most of the injections, officials said. The agency said booking by phone remained available and that the website was working again by early afternoon.
""",
    },
    {
        "key": "nw-summit-opens",
        "event": "summit",
        "when": "2024-04-09 09:00",
        "headline": "Northern Rim ministers meet in Sorrel Bay with energy security on agenda",
        "body": """
SORREL BAY, April 9 (Northbridge Wire) - Foreign ministers of the eight-member Northern Rim Council began two days of talks in the Aldmark resort of Sorrel Bay on Tuesday, with protection of undersea cables and gas supplies at the top of the agenda.

Host Foreign Minister Ilse Marten said the recent cut in gas flows from Varsk showed that "energy is security, and security is a shared responsibility". Ministers will also discuss new rules for shipping in Arctic waters, officials said.

Diplomats said a draft communique included a proposal for joint patrols to monitor pipelines and data cables in the Northern Sea. Two delegations were still seeking changes to the wording on Varsk, according to two officials familiar with the talks.

Varsk, which is not a member of the council, was not invited. Its foreign ministry said in a statement that the meeting was "another attempt to build walls in the north".
""",
    },
    {
        "key": "nw-summit-communique",
        "event": "summit",
        "when": "2024-04-10 15:45",
        "headline": "Northern Rim agrees joint patrols to protect undersea cables and pipelines",
        "body": """
SORREL BAY, April 10 (Northbridge Wire) - Northern Rim foreign ministers agreed on Wednesday to launch joint naval and coast guard patrols to protect undersea pipelines and data cables, and asked officials to prepare options for targeted sanctions if energy supplies are used as a means of pressure.

The patrol mission, to be called Operation Tern, will start in the summer and will be coordinated from the Aldmark naval base at Skarholm, according to the final communique.

"We are not threatening anybody. We are protecting what keeps our societies running," Foreign Minister Ilse Marten told a closing news conference.

The communique did not name Varsk in the section on sanctions, a change officials said was made at the request of two member states. Varsk's foreign ministry did not immediately respond to a request for comment.
""",
    },
    {
        "key": "nw-kessing-fire",
        "event": "wildfire",
        "when": "2024-04-14 19:50",
        "headline": "Wildfire in Kessing Hills forces evacuation of Amberly village",
        "body": """
AMBERLY, April 14 (Northbridge Wire) - About 600 residents of the village of Amberly were ordered to leave their homes on Sunday as a wildfire spread across heath and pine forest in the Kessing Hills, fanned by strong easterly winds, the fire service said.

More than 250 firefighters and four water-bombing aircraft were fighting the blaze, which had burnt about 1,100 hectares by Sunday evening, Ossel Valley Fire and Rescue said.

"The wind is our biggest enemy tonight. We are asking everyone to stay well away from the hills," Chief Fire Officer Mark Eriksen said.

The fire follows the driest four weeks in the region since records began, only a month after the River Ossel floods. Officials said the cause was under investigation, but a spokesperson said a disposable barbecue was one line of inquiry.
""",
    },
    {
        "key": "nw-rovers-charged",
        "event": "transfer",
        "when": "2024-04-16 12:30",
        "headline": "Halden Rovers charged over Ferrante transfer, face points deduction",
        "body": """
NORVIK, April 16 (Northbridge Wire) - The Aldmark Football League charged Halden Rovers on Tuesday with three breaches of its rules on agents and transfers over the sale of striker Luca Ferrante, exposing the club to a deduction of up to 12 points.

The league said in a statement that the club had failed to disclose payments made to agent Viktor Salo and had not acted on a conflict of interest involving its former director of football Paul Gant. Gant was suspended by the club in March and resigned last week.

Rovers chairman Henrik Dahl said the club accepted that "mistakes were made by individuals" but would contest the charge that the club itself had acted improperly.

An independent disciplinary panel will hear the case in May. Rovers are fourth in the league table with six matches to play.
""",
    },
    {
        "key": "nw-fire-contained",
        "event": "wildfire",
        "when": "2024-04-19 10:10",
        "headline": "Kessing Hills wildfire contained after burning 4,300 hectares",
        "body": """
AMBERLY, April 19 (Northbridge Wire) - Firefighters have contained the wildfire in the Kessing Hills after five days, the fire service said on Friday, after it burnt about 4,300 hectares of heath and forest.

Ossel Valley Fire and Rescue said crews would remain in the area for several days to put out hot spots. At its peak, 380 firefighters and six aircraft, two of them from a neighbouring country, were deployed.

Residents of Amberly were allowed to return on Thursday. Two houses and several barns on the edge of the village were destroyed, but nobody was seriously hurt, officials said.

"Our crews have been working 14-hour shifts in smoke and heat. I could not be prouder of them," Chief Fire Officer Mark Eriksen said.

Police said they had questioned two men in connection with the fire and released them pending further inquiries.
""",
    },
    {
        "key": "nw-vaccine-uptake",
        "event": "vaccine",
        "when": "2024-04-20 08:00",
        "headline": "Nearly a third of eligible over-75s get RSV jab in first 12 days",
        "body": """
NORVIK, April 20 (Northbridge Wire) - About 130,000 people aged 75 and over, or 31% of those eligible, received an RSV vaccine in the first 12 days of Aldmark's programme, the Aldmark Health Agency said on Saturday.

Uptake was highest in the Ossel valley and the coastal provinces and lowest in Norvik, where some pharmacies reported long waiting lists, agency figures showed.

"These are encouraging numbers, but we need to reach the people who are not online and not on anyone's list," chief executive Sanna Whitlock said.

The agency said it would send mobile vaccination teams to rural areas from next week. Officials said 61,000 spring COVID-19 boosters had also been given to people over 80.
""",
    },
]
