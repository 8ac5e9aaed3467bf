"""The Daily Clarion: a tabloid (chaos, fury, shock, bosses, fans, misery, slammed).

Fictional stories written for this project. ``when`` is UTC. ``seo`` is the page title
that goes into the title line. The Clarion's CMS sometimes prints a paragraph twice
(``{dup:N}``); its files use CRLF line endings and two of them are UTF-16.
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "dc-port-chaos-shelves",
        "event": "port_strike",
        "when": "2024-03-05 18:30",
        "seo": "Dock strike latest: shoppers warned of empty shelves before Easter",
        "headline": "DOCK CHAOS: Shoppers face empty shelves as strike cripples Port Halden",
        "caption": "Ships queue off Port Halden as the strike bites",
        "body": """
Shoppers were warned last night they could face empty shelves within days as a strike by thousands of dockworkers brought chaos to the country's biggest port.

Fourteen giant container ships were stuck off Port Halden, loaded with everything from bananas to televisions.

One supermarket boss told the Clarion: "If this goes on past next week, customers will see gaps. Fresh fruit will be the first to go."

Furious families said they were fed up with strikes. Mum-of-three Stacey Prout, 34, said: "Everyone wants a pay rise. We don't get to walk out when we feel like it."

Union chief Tomas Brenner insisted workers had "no choice" after port bosses offered a "miserable" 4.5%.
""",
    },
    {
        "key": "dc-rovers-fans-fury",
        "event": "transfer",
        "when": "2024-03-07 20:00",
        "seo": "Halden Rovers fans furious over Ferrante transfer cash probe",
        "headline": "Rovers fans' fury as transfer cash probe rocks club",
        "author": "Dean Whitlow, Chief Sports Writer",
        "body": """
Halden Rovers fans reacted with fury last night after it emerged that league chiefs are investigating where the cash from Luca Ferrante's 14 million euro transfer really went.

Leaked papers suggest a company linked to a relative of director of football Paul Gant pocketed around 600,000 euros.

Angry fans flooded social media with demands for Gant to be sacked, with one fan writing: "We sold our best player and someone got rich. Disgrace."

{dup:2}

The club faces a shock points deduction of up to 12 points if it is found guilty.

Rovers bosses said they were "cooperating fully" with the inquiry.
""",
    },
    {
        "key": "dc-flood-misery",
        "event": "flood",
        "when": "2024-03-12 17:45",
        "seo": "Greyford floods: pictures show misery as river hits record high",
        "headline": "FLOOD MISERY: Pensioner dies and 1,250 families flee as river bursts",
        "caption": "A resident wades through flood water in Greyford",
        "photographer": "Clarion / Dev Sharma",
        "body": """
A pensioner died and more than a thousand families fled their homes as the River Ossel burst its banks in scenes of misery last night.

The 71-year-old man was killed when his car was swept away near the village of Ashwell.

In Greyford, furious residents waded through knee-deep water to rescue what they could from ruined homes.

Grandmother Joan Pickett, 82, said: "I've lost everything. The council knew this could happen and they did nothing."

Soldiers were drafted in to help as the river hit its highest level since 1968.

Angry locals slammed officials for failing to build a flood wall promised more than ten years ago.
""",
    },
    {
        "key": "dc-port-bosses-slammed",
        "event": "port_strike",
        "when": "2024-03-14 07:20",
        "seo": "Port Halden strike: 30 ships stuck as bosses and union trade blows",
        "headline": "Port bosses slammed as 30 ships stranded in strike shambles",
        "body": """
Port bosses were slammed last night as the number of ships stranded off strike-hit Port Halden hit 30.

Critics accused Halden Port & Logistics of dragging its feet while shoppers and small firms paid the price.

Small business owner Raj Patel, who imports kitchen goods, said: "I've got 12 containers sitting on a ship. My customers are furious and I can't give them a date."

{dup:2}

Union chiefs and port bosses have not met face to face for six days.

Ministers finally bowed to pressure and agreed to appoint a mediator.
""",
    },
    {
        "key": "dc-gas-bills-fear",
        "event": "pipeline",
        "when": "2024-03-19 06:00",
        "seo": "Gas bills could soar after Varsk cuts pipeline supplies",
        "headline": "Households braced for gas bill shock as Varsk turns down the taps",
        "author": "Shona Pike, Consumer Editor",
        "body": """
Families were braced for a gas bill shock last night after Varsk slashed supplies through a major pipeline.

Wholesale prices rocketed 18% in a day, and experts warned energy bosses would be quick to pass the cost on.

Consumer champion Beth Harlow said: "Every time something happens abroad, bills go up in days. When prices fall, it takes months."

Amid growing fury, Energy Minister Piet Hollum accused Varsk of "blackmail" but admitted he could not promise bills would not rise.

The Clarion has launched a campaign to stop energy bosses cashing in on the crisis.
""",
    },
    {
        "key": "dc-recount-shock",
        "event": "recount",
        "when": "2024-03-24 07:00",
        "seo": "Westfold recount: Priya Mallen wins by 19 votes in shock reversal",
        "headline": "SHOCK RECOUNT: Loser becomes winner by just 19 votes",
        "caption": "Priya Mallen celebrates at Westfold Sports Hall",
        "body": """
A by-election loser was sensationally declared the winner after a recount, in one of the biggest shocks in years.

Social Democrat Priya Mallen won Westfold by just 19 votes, nine days after rival Owen Rask was told he had won by 212.

Counting staff found a blunder at one count table and dozens of postal votes that had been wrongly binned.

A stunned Rask said: "I went to bed an MP and woke up unemployed."

Voters were furious. Pensioner Derek Mould said: "How do you get it wrong by 200 votes? It's a disgrace."
""",
    },
    {
        "key": "dc-rask-court",
        "event": "recount",
        "when": "2024-03-27 19:10",
        "seo": "Owen Rask to take Westfold result to court",
        "headline": "Rask vows court fight over 19-vote defeat",
        "body": """
Sore loser Owen Rask last night vowed to take his 19-vote by-election defeat to court.

The Civic Alliance man wants judges to examine 31 postal votes that were added to the count at the last minute.

{markup}Rask said: "I'm not a sore loser. I just want to know every vote was counted properly."<br>

Critics slammed the move as a waste of taxpayers' money.

Newly elected MP Priya Mallen said: "The voters have spoken. Twice."
""",
    },
    {
        "key": "dc-mortgage-boost",
        "event": "rates",
        "when": "2024-03-28 16:20",
        "seo": "Interest rate cut: what it means for your mortgage",
        "headline": "MORTGAGE BOOST: Rate cut to save homeowners hundreds",
        "author": "Shona Pike, Consumer Editor",
        "body": """
Millions of homeowners were celebrating last night after the Bank of Aldmark cut interest rates for the first time in four years.

The cut could save a family with a typical variable mortgage around 480 euros a year.

But savers face misery as banks rush to slash the rates they pay on deposits.

Campaigner Beth Harlow said: "Banks are lightning fast to cut savings rates and painfully slow to cut mortgages. Watch them closely."

Bank boss Helena Vass warned that more cuts were not guaranteed.
""",
    },
    {
        "key": "dc-hospital-hack-misery",
        "event": "hospital_cyber",
        "when": "2024-04-03 06:30",
        "seo": "St Brennan's hospital cyber attack: patients' misery as operations axed",
        "headline": "HACK ATTACK: Cancer patients' misery as hospital crippled by cyber gang",
        "caption": "St Brennan's University Hospital in Carrow",
        "encoding": "utf-16",
        "body": """
Cancer patients had operations cancelled and ambulances were turned away after cyber crooks crippled a major hospital.

Around 140 operations were axed at St Brennan's in Carrow after hackers locked staff out of their computers, causing chaos on the wards.

Grandad Frank Doherty, 67, was told his long-awaited knee operation was off just hours before he was due in theatre.

His furious daughter Lisa said: "He has been in agony for a year. Now some criminal in a bedroom somewhere has taken it away."

{dup:3}

Hospital bosses said staff were using pen and paper to keep emergency care running.

Security experts said the attack had "all the hallmarks" of a ransomware gang.
""",
    },
    {
        "key": "dc-booking-site-chaos",
        "event": "vaccine",
        "when": "2024-04-08 15:30",
        "seo": "RSV vaccine booking website crashes on day one",
        "headline": "JAB CHAOS: Pensioners furious as vaccine booking site crashes",
        "body": """
Pensioners were left furious yesterday after the website for booking a new vaccine crashed within an hour of opening.

{zw}Thousands of over-75s\u200b trying to book their free RSV jab were greeted with an error message and a spinning wheel.

Retired bus driver Ken Bolt, 78, said: "I sat there for three hours pressing the button. My grandson finally got through on his phone."

Health bosses apologised and blamed "unprecedented demand".

Critics slammed the agency for failing to prepare for a rush that "everyone could see coming".
""",
    },
    {
        "key": "dc-summit-junket",
        "event": "summit",
        "when": "2024-04-10 21:00",
        "seo": "Sorrel Bay summit: ministers' luxury resort bill revealed",
        "headline": "Ministers' seaside summit costs taxpayers 2.4 million euros",
        "body": """
Taxpayers footed a 2.4 million euro bill for a two-day summit of foreign ministers at a luxury seaside resort, the Clarion can reveal.

The Northern Rim gathering in Sorrel Bay included a five-course dinner and a boat trip round the bay.

Campaigners slammed the cost as an outrage while families struggle with bills, and taxpayers reacted with fury.

Foreign Minister Ilse Marten insisted the summit had agreed "vital" patrols to protect pipelines and cables.

A spokesperson said security, not luxury, accounted for most of the cost.
""",
    },
    {
        "key": "dc-wildfire-barbecue",
        "event": "wildfire",
        "when": "2024-04-15 19:30",
        "seo": "Kessing Hills fire: disposable barbecue blamed as Amberly evacuated",
        "headline": "BBQ BLAZE: Disposable barbecue blamed for wildfire inferno",
        "caption": "Flames on the Kessing Hills above Amberly",
        "photographer": "Clarion Pictures",
        "body": """
A disposable barbecue is believed to have started the huge wildfire that forced 600 villagers to flee their homes.

The inferno has ripped through more than 2,000 hectares of the Kessing Hills since Sunday.

Fire chiefs have begged the public to stop lighting barbecues in the countryside during the dry spell.

Villager Donna Kemp, 45, said: "Somebody's lazy afternoon has put our whole village at risk. It makes me so angry."

{dup:3}

Calls are growing for a ban on the sale of disposable barbecues near beauty spots, amid local fury at the chaos on the roads out of Amberly.
""",
    },
    {
        "key": "dc-rovers-points-shock",
        "event": "transfer",
        "when": "2024-04-16 18:00",
        "seo": "Halden Rovers charged: club faces 12-point deduction",
        "headline": "POINTS SHOCK: Rovers face 12-point axe as league throws the book at them",
        "author": "Dean Whitlow, Chief Sports Writer",
        "encoding": "utf-16",
        "body": """
Halden Rovers could be stripped of 12 points after league chiefs charged the club over the Luca Ferrante transfer scandal.

The shock charges leave the club's hopes of European football hanging by a thread.

Fans who had dreamed of a top-three finish were in despair last night, and furious fans' groups demanded a meeting with the board.

Supporter Lee Hatton, 29, said: "The players have worked their socks off. Now the bosses' greed could wreck everything."

Chairman Henrik Dahl admitted "mistakes were made by individuals" but vowed to fight the charges.
""",
    },
    {
        "key": "dc-league-probe-copy",
        "copy_of": "nw-league-opens-probe",
        "kind": "edited",
        "delay_h": 4,
        "headline": "Rovers in transfer probe storm over agent's fee",
        "seo": "Halden Rovers under investigation over Ferrante transfer",
        "trim": 1,
        "edits": "new headline; last paragraph trimmed",
    },
    {
        "key": "dc-fire-contained-copy",
        "copy_of": "nw-fire-contained",
        "kind": "edited",
        "delay_h": 3,
        "headline": "Firefighters win battle of the Kessing Hills",
        "seo": "Kessing Hills wildfire contained after five days",
        "insert": [
            (
                -1,
                "Clarion readers have donated more than 10,000 euros to an appeal for the families who lost their homes.",
            )
        ],
        "edits": "new headline; one sentence added at the end",
    },
    {
        "key": "dc-agent-silence",
        "event": "transfer",
        "when": "2024-04-18 09:00",
        "seo": "Ferrante agent Viktor Salo breaks his silence",
        "headline": "Agent at centre of Rovers scandal breaks his silence",
        "broken": True,
        "body": "",
    },
]
