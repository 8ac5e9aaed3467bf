"""The Ledger Daily: a business paper (markets, investors, shares, tariffs, analysts).

Fictional stories written for this project. ``when`` is UTC. Stories with ``copy_of``
republish a Northbridge Wire story (edited); see ``make_corpus.load_stories``.
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "ld-exporters-count-cost",
        "event": "port_strike",
        "when": "2024-03-05 07:30",
        "headline": "Exporters count the cost as Halden dock strike hits shares",
        "standfirst": "Investors sell port and shipping stocks as analysts warn of weeks of disruption",
        "caption": "Idle container cranes at the North Quay terminal in Port Halden",
        "body": """
Shares in Halden Port & Logistics fell 6.2% on Monday, their steepest one-day drop in two years, as investors bet that the strike by 3,400 dockworkers would last longer than the company had suggested.

Analysts at Fenwick Carr estimated that each week of the stoppage would cut the operator's quarterly earnings by 11 million euros. "The market had priced in a short, symbolic walkout. That now looks optimistic," said Jana Ulvik, a transport analyst at the broker.

Exporters of timber, machinery and frozen fish, who ship most of their goods through Halden, warned of lost orders. The Aldmark Exporters' Federation said its members faced penalties of up to 2% of contract value for late deliveries, on top of the tariffs that already make their goods dearer in several markets.

Shipping groups also traded lower. Nordlink Lines, which runs feeder services from the port, lost 3.8%, while the broader ALDX 100 index ended the session down 0.4%.
""",
    },
    {
        "key": "ld-rovers-shares-slide",
        "event": "transfer",
        "when": "2024-03-08 08:15",
        "headline": "Halden Rovers shares slide as investors weigh transfer inquiry",
        "caption": "The main stand at Rovers Park, Halden",
        "body": """
Shares in Halden Rovers, one of only two football clubs listed on the Norvik stock exchange, fell 11% on Thursday after the league opened an investigation into payments linked to the sale of striker Luca Ferrante.

The stock has lost almost a fifth of its value since January, wiping about 30 million euros off the club's market capitalisation. Trading was briefly suspended after the shares fell 8% in the first ten minutes.

"Investors can live with a bad season. What they cannot price is a points deduction and a governance scandal at the same time," said Petra Lund, who covers leisure stocks at Kallbrook Securities.

Analysts said the bigger risk was to sponsorship income. The club's shirt sponsor, the online bank Rivo, said it was "following developments closely". Rovers reported revenue of 96 million euros last season.
""",
    },
    {
        "key": "ld-freight-rates-strike",
        "event": "port_strike",
        "when": "2024-03-11 06:45",
        "headline": "Freight rates soar as ships queue off strike-hit Port Halden",
        "body": """
Spot rates for shipping containers into Aldmark have more than doubled since dockworkers at Port Halden went on strike a week ago, adding to costs for importers and retailers already squeezed by higher tariffs on goods from outside the Northern Rim.

The price of moving a forty-foot container from the main Asian hubs to Aldmark rose to 4,100 dollars on Friday from 1,900 dollars before the strike, according to freight data group Baltex.

Retailers said shelves could start to empty before Easter. "We have stock for about ten days. After that, customers will notice," said the chief executive of one supermarket chain, who asked not to be named because talks with suppliers were ongoing.

Investors are also watching the bond market. Analysts at Morrow Bank said a long strike could knock 0.2 percentage points off first-quarter growth and add to pressure on the Bank of Aldmark to keep interest rates higher for longer.
""",
    },
    {
        "key": "ld-insurers-flood",
        "event": "flood",
        "when": "2024-03-13 09:20",
        "headline": "Insurers lead market losses as Ossel flood claims mount",
        "caption": "Flooded shops on Greyford's Bridge Street",
        "photographer": "Lina Borg",
        "body": """
Insurance shares led the ALDX 100 lower on Wednesday as investors tried to estimate the bill from the worst flooding on the River Ossel in more than half a century.

Nordhavn Insurance, the largest home insurer in the Ossel valley, fell 4.7% and Trygg Mutual's listed arm lost 3.1%. Analysts at Fenwick Carr said gross losses across the market could reach 300 million to 400 million euros.

"The reinsurance programmes will absorb most of this, but the timing is unfortunate because renewals are in April and prices were already rising," said Oskar Berg, an insurance analyst.

Shares in builders' merchants moved the other way. Valley Timber & Supply rose 5.4% on expectations of a surge in repair work, and investors also bought into pump maker Hydrosafe, which gained 7%.
""",
    },
    {
        "key": "ld-gas-prices-jump",
        "event": "pipeline",
        "when": "2024-03-18 14:00",
        "headline": "Utilities fall and power prices climb as Tessal flows drop",
        "standfirst": "Traders fear a long stand-off between Aldnet and Varskgaz over transit fees",
        "body": """
Aldmark's energy markets reacted sharply on Monday to the cut in gas flows through the Tessal pipeline, with next-month gas contracts at the Norvik hub closing 18% higher and day-ahead power prices up 12%.

Shares in the utility Norvik Energi, which buys most of its gas under short-term contracts, fell 5.9%. Industrial users were also hit: fertiliser maker Agrinor, one of the largest gas buyers in the country, lost 4.4%.

"The market was complacent about Tessal. Investors assumed the contract to 2029 settled the question, and it clearly does not," said Idun Sande, head of commodities research at Morrow Bank.

Investors also fear that a long dispute could end in tariffs on Varsk goods and counter-tariffs on Aldmark's exports. Analysts said storage levels of 48% after a mild winter gave Aldmark some protection. But traders warned that prices would stay volatile until there were signs of a deal between the two pipeline companies.
""",
    },
    {
        "key": "ld-recount-bonds",
        "event": "recount",
        "when": "2024-03-25 07:50",
        "headline": "Bond investors shrug off Westfold upset as coalition majority narrows",
        "body": """
Aldmark's government bonds barely moved on Monday after a recount gave the Westfold seat to the opposition Social Democrats, cutting the governing coalition's majority in parliament to three seats.

{zw}The yield on the ten-year bond edged up two basis points to 3.41%, while the cost of insuring Aldmark's debt against default was unchanged. "This is one seat. It does not change the budget arithmetic,\u200b at least not yet," said Ola Thune, a rates strategist at Kallbrook Securities.

Analysts said investors would pay more attention to the spring budget, due in May, which must be passed with a smaller margin. Two coalition members have said they will vote against plans to raise fuel duties, and the Social Democrats oppose the government's proposal to cut tariffs on imported food.

The euro and the ALDX 100 were little changed. Shares in Aldmark's three largest banks rose slightly as traders looked ahead to Thursday's interest rate decision.
""",
    },
    {
        "key": "ld-rate-cut-markets",
        "event": "rates",
        "when": "2024-03-28 13:30",
        "headline": "Shares rally and bond yields fall after surprise rate cut",
        "standfirst": "Bank shares drop as investors price in thinner lending margins",
        "encoding": "utf-16",
        "body": """
Aldmark's stock market jumped and bond yields fell sharply on Thursday after the Bank of Aldmark surprised investors with its first interest rate cut in four years.

The ALDX 100 index rose 1.6%, its best day since November, led by housebuilders and retailers. The two-year bond yield fell 21 basis points to 3.62%, the largest daily drop since 2022, as traders bet on further cuts this year.

"The bank has moved before the market expected, and that matters more than the size of the cut," said Henrik Aas, chief economist at Morrow Bank. "Investors now see two or three more reductions by the end of the year."

Bank shares went the other way. Nordbank fell 2.3% and Sparbanken Ost lost 1.8%, as analysts warned that lower rates would squeeze the margin between what banks pay savers and what they charge borrowers.
""",
    },
    {
        "key": "ld-cyber-supplier-shares",
        "event": "hospital_cyber",
        "when": "2024-04-03 08:40",
        "headline": "Hospital IT supplier MediCore loses 9% after Carrow ransomware attack",
        "body": """
Shares in MediCore Systems, which supplies patient record software to St Brennan's University Hospital and 22 other hospitals in Aldmark, fell 9.1% on Tuesday after the ransomware attack that shut down the Carrow hospital's computers.

MediCore said there was no evidence that its software had been the point of entry. Analysts were not reassured. "Until investigators say how the attackers got in, every hospital contract is a question mark," said Sigrid Moen, an analyst at Fenwick Carr.

Shares in cyber security firms rose. Bastion Cyber, which sells network monitoring to public bodies, gained 6.5%, and investors bought cyber insurance specialist Ward & Lyle, up 3%.

Brokers said premiums for cyber cover had already risen by about 40% over two years and could climb again after the attack.
""",
    },
    {
        "key": "ld-mortgage-lenders",
        "event": "rates",
        "when": "2024-04-05 06:30",
        "headline": "Lenders trim mortgage rates as Vass cools hopes of quick cuts",
        "body": """
Aldmark's largest mortgage lenders cut their fixed rates on Thursday and Friday, a week after the Bank of Aldmark's rate cut, even as Governor Helena Vass warned investors not to expect a rapid series of reductions.

Nordbank lowered its five-year fixed rate by 0.3 percentage points to 4.29%, and Sparbanken Ost followed with a cut of 0.25 points. Brokers said competition for borrowers had picked up after a slow winter for housing markets.

Traders reduced bets on a May cut after Vass's speech. Money markets now price a 40% chance of a move in May, down from 65% before the speech, and the two-year bond yield rose eight basis points.

"Lenders are passing on the cut because the funding markets already priced it in. What happens next depends on gas prices and wages," said Ola Thune of Kallbrook Securities.
""",
    },
    {
        "key": "ld-carda-shares",
        "event": "vaccine",
        "when": "2024-04-09 07:10",
        "headline": "Carda Biologics shares hit record on Aldmark RSV vaccine order",
        "caption": "Carda Biologics' plant outside Norvik",
        "body": """
Shares in Carda Biologics rose 8.4% to a record high on Monday as Aldmark began its first RSV vaccination programme, for which the company is supplying 500,000 doses.

The contract is worth about 90 million euros, analysts estimated, and could be followed by orders from other Northern Rim states that are watching Aldmark's rollout. "This is the reference market. If uptake is good here, the neighbours will follow," said Sigrid Moen, a healthcare analyst at Fenwick Carr.

Pharmacy chain Apoteka Group, which will give about half of the injections, rose 2.7%. The company expects the programme to add around 1% to annual sales.

Investors shrugged off the crash of the national booking website. "A website that crashes because of demand is not a bad problem for a vaccine maker to have," one fund manager said.
""",
    },
    {
        "key": "ld-summit-tariffs",
        "event": "summit",
        "when": "2024-04-10 17:30",
        "headline": "Shipyards and defence stocks gain as Northern Rim agrees patrols",
        "standfirst": "Exporters fear tariffs and counter-sanctions if the dispute with Varsk escalates",
        "body": """
Defence and shipbuilding shares rose on Wednesday after Northern Rim foreign ministers agreed to launch joint patrols to protect undersea pipelines and cables, with investors betting on new orders for patrol vessels and sensors.

Skarholm Shipyards gained 7.2% and sonar maker Deepwatch rose 5.5%. Analysts at Morrow Bank said the patrol mission could lead to contracts worth 400 million euros over five years.

Exporters were more cautious. The Aldmark Exporters' Federation said talk of sanctions risked tariffs and counter-measures from Varsk, which bought 1.3 billion euros of Aldmark goods last year, mainly machinery and processed food.

"Markets like patrol boats. They do not like trade wars, and tariffs would hit machinery exporters first," said Jana Ulvik of Fenwick Carr. The ALDX 100 closed up 0.3%.
""",
    },
    {
        "key": "ld-timber-wildfire",
        "event": "wildfire",
        "when": "2024-04-17 08:05",
        "headline": "Forestry shares fall as Kessing Hills fire burns commercial plantations",
        "body": """
Shares in Aldmark Forest Products fell 4.6% on Tuesday after the company said about 900 hectares of its pine plantations in the Kessing Hills had been damaged by the wildfire that has been burning since Sunday.

The company said the loss of standing timber would cut operating profit by about 6 million euros this year but that it was insured against fire. Analysts said investors were more concerned about the longer-term risk of drought to its plantations.

"Two extreme weather events in five weeks in the same valley is the kind of pattern that gets priced in," said Oskar Berg, an analyst at Kallbrook Securities.

Timber prices for immediate delivery rose 3% at the Norvik exchange. Insurers were little changed, with analysts estimating claims in the tens of millions of euros, far less than last month's floods.
""",
    },
    {
        "key": "ld-port-deal-copy",
        "copy_of": "nw-port-deal",
        "kind": "edited",
        "delay_h": 2.5,
        "headline": "Halden Port shares set to rise as dockworkers accept 6.8% deal",
        "insert": [
            (
                -1,
                "{markup}Shares in Halden Port &amp; Logistics rose 3.2% in after-hours trading in Norvik after the vote was announced.",
            )
        ],
        "edits": "new headline; one sentence added at the end",
    },
    {
        "key": "ld-varsk-flows-copy",
        "copy_of": "nw-varsk-cuts-flows",
        "kind": "edited",
        "delay_h": 1.25,
        "headline": "Gas prices jump as Varsk cuts Tessal flows by 40%",
        "trim": 1,
        "insert": [(3, "Benchmark gas prices at the Norvik hub rose 18% in morning trading.")],
        "edits": "new headline; last paragraph trimmed; one sentence added",
    },
    {
        "key": "ld-hospital-attack-copy",
        "copy_of": "nw-hospital-attack",
        "kind": "edited",
        "delay_h": 5,
        "trim": 1,
        "edits": "last paragraph trimmed",
    },
    {
        "key": "ld-vaccine-uptake-copy",
        "copy_of": "nw-vaccine-uptake",
        "kind": "edited",
        "delay_h": 3,
        "headline": "RSV uptake reaches 31% as pharmacies drive rollout",
        "insert": [
            (-1, "Shares in pharmacy chain Apoteka Group have risen 6% since the programme began.")
        ],
        "edits": "new headline; one sentence added at the end",
    },
]
