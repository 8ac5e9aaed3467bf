"""Ossel Valley Gazette: a local paper (residents, council, neighbourhood, community).

Fictional stories written for this project. ``when`` is UTC. The Gazette's CMS writes
paragraphs on consecutive lines without blank lines between them. ``{moji}`` paragraphs
are emitted as UTF-8 mis-decoded as Windows-1252 (mojibake).
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "vg-port-strike-valley-families",
        "event": "port_strike",
        "when": "2024-03-06 17:00",
        "headline": "Valley families feel the pinch as dock strike enters third day",
        "caption": "Dockworker Sean Calloway with his daughters at home in Millbrook",
        "body": """
More than 300 of the dockworkers on strike at Port Halden live in the Ossel valley, and families in Millbrook and Greyford say they are already counting every euro.

Sean Calloway, 38, who has worked on the North Quay for 14 years, said strike pay of 60 euros a day would not cover his family's mortgage. "My neighbours have been brilliant. Someone left a box of groceries on our doorstep this morning," he said.

The Millbrook Community Pantry said it had seen a rise in the number of local families asking for help since Monday. Volunteers are collecting donations at St Aidan's church hall on Tuesdays and Fridays.

Greyford councillor Dev Anand, whose father worked at the port, said the council would make sure residents on strike could delay council tax payments without penalty.
""",
    },
    {
        "key": "vg-flood-warning-sandbags",
        "event": "flood",
        "when": "2024-03-11 20:30",
        "headline": "Residents fill sandbags as severe flood warning issued for Greyford",
        "caption": "Volunteers fill sandbags outside Greyford fire station",
        "photographer": "Sam Pryor",
        "body": """
Residents and volunteers were filling sandbags outside Greyford fire station on Monday evening after a severe flood warning was issued for the town centre and the riverside neighbourhood of Ferry Lane.

The Aldmark Water Authority said the River Ossel was expected to peak overnight, possibly above the level reached in 1968. Council staff have delivered 4,000 sandbags to homes on Ferry Lane, Mill Street and Bridge Street.

"We moved everything upstairs this afternoon. The last time the river came up like this I was a little girl," said Margaret Ellery, 79, who has lived on Ferry Lane all her life.

Greyford Council has opened a rest centre at Greyford Leisure Centre for anyone who needs to leave their home. Council leader Ruth Fenwick urged residents to check on elderly neighbours.
""",
    },
    {
        "key": "vg-flood-millbrook-volunteers",
        "event": "flood",
        "when": "2024-03-13 11:45",
        "headline": "Millbrook volunteers keep village going as waters stay high",
        "body": """
In Millbrook, where the River Ossel has cut the village off from Greyford for two days, a community group set up in a pub car park has become the heart of the relief effort.

{moji}Volunteers at the Drover’s Arms are cooking hot meals for up to 200 people a day, while a WhatsApp group of 450 residents from every neighbourhood is matching people who need medicines with neighbours who own tractors. “It’s what you do in a village,” said landlord Pete Harwood.

Farmer Gwen Talbot has made 30 trips through the flood water in her tractor, carrying prescriptions, bread and, on one occasion, a very unhappy cat.

Parish councillor Alan Reece said the village had been "let down" by the lack of a proper flood wall, which residents have asked the council to build since 2008.
""",
    },
    {
        "key": "vg-ashwell-tribute",
        "event": "flood",
        "when": "2024-03-14 15:20",
        "headline": "Ashwell flood victim remembered as 'the man who fixed everyone's bikes'",
        "caption": "Arthur Penrose, 71, in a family photograph",
        "photographer": "family handout",
        "body": """
Tributes have been paid to Arthur Penrose, 71, who died when his car was swept off a flooded road near Ashwell on Monday night.

Mr Penrose, a retired postman, was known across the village for repairing children's bicycles free of charge in his garage. His daughter, Claire, said he had been driving to check on a neighbour.

"Dad spent his whole life looking after other people, and that is what he was doing when he died," she said.

Ashwell's community hall will be open on Saturday for residents who want to sign a book of condolence. The parish council said it would ask for the road to be closed permanently when the river is high.
""",
    },
    {
        "key": "vg-flood-clean-up-council",
        "event": "flood",
        "when": "2024-03-16 09:10",
        "headline": "Council promises free skips as Greyford begins the big clean-up",
        "footer_moji": True,
        "body": """
Greyford Council will provide free skips and waste collections to every flooded street in the town, council leader Ruth Fenwick announced on Friday, as residents began carrying ruined carpets and furniture out of their homes.

The council said 1,900 homes and 140 businesses in the district had been affected. Crews will collect flood waste from the kerbside every day for the next three weeks.

{moji}On Bridge Street, shopkeepers said they feared for their livelihoods. “We’ve lost all our stock and the insurance assessor can’t come until next Thursday,” said Leila Osman, who runs a florist.

Councillors from all parties have called for an independent review of the flood defences in every riverside neighbourhood of the town. A public meeting will be held at the leisure centre on Tuesday at 7 pm.
""",
    },
    {
        "key": "vg-rovers-fans-protest",
        "event": "transfer",
        "when": "2024-03-10 18:30",
        "headline": "Greyford Rovers supporters join protest over transfer scandal",
        "body": """
Around 40 members of the Greyford branch of the Halden Rovers Supporters' Club travelled to Saturday's home match to join a protest outside the stadium over the Luca Ferrante transfer scandal.

Branch secretary Tony Mayhew, who has followed the club for 51 years, said local fans felt betrayed. "We pay for season tickets out of our wages. We deserve to know where the money went," he said.

Supporters held up banners reading "Our club, our money" before kick-off, and many stayed outside for the first ten minutes of the match.

The branch has written to the club's board asking for a meeting with fans' representatives from across the valley.
""",
    },
    {
        "key": "vg-westfold-count-night",
        "event": "recount",
        "when": "2024-03-15 08:00",
        "headline": "Tears and tension at Westfold count as recount is called",
        "caption": "Counting staff at Westfold Sports Hall on Thursday night",
        "body": """
It was well after 3 am when the returning officer read out the result at Westfold Sports Hall, and within minutes Priya Mallen's team had asked for a recount.

Dozens of local volunteers from both campaigns had spent the night watching ballot papers being counted, with the two candidates never more than a few hundred votes apart.

Residents of the Eastholm neighbourhood, where Mallen's campaign says the tally from one polling station was wrong, said they were surprised to find their community at the centre of a national story. "We are a quiet estate. Now everyone wants to know how we voted," said one.

Westfold councillor Hanna Brook, who counted votes on the night, said the staff had done an "incredibly careful job" and welcomed the recount as a chance to reassure residents.
""",
    },
    {
        "key": "vg-rask-legal-challenge",
        "event": "recount",
        "when": "2024-03-27 16:40",
        "headline": "Rask to challenge Westfold recount result in court",
        "spacer": True,
        "body": """
Owen Rask, the Civic Alliance candidate who lost the Westfold by-election by 19 votes after a recount, said on Wednesday he would ask the electoral court to examine 31 postal ballots that were added to the count.

Rask said he had "nothing against" his rival but wanted voters in Westfold to have confidence in the result. He has 21 days to lodge a petition.

Local residents had mixed views. At Eastholm community centre, retired teacher Olive Dunn said the matter should be settled. "We have voted, they have counted twice. Let our new MP get on with it," she said.

Priya Mallen, who was sworn in as the constituency's member of parliament on Tuesday, said she would hold her first surgery for residents in Westfold library on Saturday.
""",
    },
    {
        "key": "vg-mortgage-families",
        "event": "rates",
        "when": "2024-03-29 10:30",
        "headline": "Rate cut brings some relief for valley homeowners",
        "body": """
Homeowners across the Ossel valley could save about 40 euros a month on an average variable-rate mortgage after the Bank of Aldmark cut interest rates on Thursday, local brokers said.

For families still repairing their homes after this month's floods, every little helps. "We have spent our savings on a new kitchen floor. Forty euros is not nothing," said Daniel Kerr, whose Ferry Lane neighbourhood was among the worst hit.

The Ossel Valley Credit Union, which has 9,000 members in the area, said it would reduce the rate on its flood recovery loans from next week.

Greyford's citizens' advice centre said residents struggling with debt should get in touch before payments are missed, and that its volunteers could help with budgets and insurance claims.
""",
    },
    {
        "key": "vg-pharmacy-queues",
        "event": "vaccine",
        "when": "2024-04-09 14:15",
        "headline": "Pensioners queue round the block for RSV jab at Greyford pharmacy",
        "caption": "People waiting outside Station Road Pharmacy in Greyford",
        "body": """
A queue stretched round the corner outside Station Road Pharmacy in Greyford on Tuesday morning as older residents who could not book online turned up in person for the new RSV vaccine, some of them walking from the Eastgate neighbourhood across town.

Pharmacist Ravi Mehta said his team had vaccinated 160 people by lunchtime, more than twice the number planned. "Nobody was turned away. We just kept going," he said.

Volunteers from Greyford Good Neighbours are offering lifts to residents of outlying villages who do not drive. The scheme's coordinator, Sue Pell, said 35 people had booked a lift in the first two days.

The council said the community bus would run an extra service to Station Road on Thursdays during the vaccination programme.
""",
    },
    {
        "key": "vg-amberly-evacuated",
        "event": "wildfire",
        "when": "2024-04-14 22:00",
        "headline": "Amberly residents flee as fire sweeps across Kessing Hills",
        "caption": "Smoke over the Kessing Hills seen from Amberly",
        "encoding": "utf-8-sig",
        "body": """
Residents of Amberly were told to leave their homes on Sunday afternoon as a wildfire spread across the Kessing Hills towards the village, sending a column of smoke that could be seen from Greyford.

Police went door to door along Hill Road and Church Lane, the neighbourhood closest to the hills. Many residents left with only pets and medicines, and some farmers moved sheep from fields on the edge of the village.

"The sky went orange in about twenty minutes. We grabbed the dog and the passports and drove," said Fiona Marsh, who lives on Hill Road with her two children.

Greyford Council opened the town hall as a rest centre and said 180 people had registered there by 9 pm. The village's community hall, which is in the evacuation zone, has been closed.
""",
    },
    {
        "key": "vg-amberly-return",
        "event": "wildfire",
        "when": "2024-04-18 16:30",
        "headline": "Relief and heartbreak as Amberly residents return home",
        "caption": "A burnt barn on the edge of Amberly",
        "body": """
Residents of Amberly were allowed back into the village on Thursday, four days after the Kessing Hills fire forced them out, and most found their homes untouched.

For two families on Hill Road, however, there was nothing to go back to. Neighbours have set up an online appeal that raised 28,000 euros in its first day.

{moji}“I’ve lived here for 40 years and I’ve never seen the community pull together like this,” said Graham Tate, whose barn was destroyed. “People I’ve never spoken to have turned up with food and clothes.”

The parish council will hold a meeting on Monday to discuss how the village can be better protected, including clearing gorse from the hillside above the houses.
""",
    },
    {
        "key": "vg-ossel-floods-copy",
        "copy_of": "nw-ossel-floods",
        "kind": "whole",
        "delay_h": 1.5,
        "edits": "republished unchanged",
    },
    {
        "key": "vg-recount-reverses-copy",
        "copy_of": "nw-recount-reverses",
        "kind": "whole",
        "delay_h": 10,
        "edits": "republished unchanged",
    },
    {
        "key": "vg-hospital-attack-copy",
        "copy_of": "nw-hospital-attack",
        "kind": "edited",
        "delay_h": 6,
        "insert": [
            (
                -1,
                "Greyford Community Hospital said it had received 11 extra ambulances by lunchtime and asked residents to use its minor injuries unit only for urgent problems.",
            )
        ],
        "edits": "local sentence added at the end",
    },
    {
        "key": "vg-vaccine-rollout-copy",
        "copy_of": "nw-vaccine-rollout",
        "kind": "edited",
        "delay_h": 4,
        "headline": "RSV jabs begin for over-75s, but booking website crashes",
        "insert": [
            (
                3,
                "In Greyford, the pharmacies on High Street and Station Road said they had appointments available from Wednesday.",
            )
        ],
        "edits": "new headline; local sentence added before the last paragraph",
    },
]
