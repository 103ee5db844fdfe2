#include "dedup/respun.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "base/hash.h"
#include "clean/cleaner.h"
#include "dedup/minhash.h"

namespace eventcoder {
namespace {

// Fixtures written for these tests. The places, countries and organisations are real; the events, the
// numbers, the people named and all quoted words are invented.
//
// Articles with the same `event` tell one story (the second one a re-spin of the first: synonyms
// swapped, sentences reordered, clauses moved, a sentence added or dropped) and must be grouped.
// Articles with the same `topic` but another event (another day of the same war, another round of the
// same talks, a follow-up that quotes the first story) share most names and must not be.
struct Fixture {
  const char* name;
  const char* topic;
  const char* event;
  const char* text;
};

const Fixture kFixtures[] = {
    // ---------------------------------------------------------------- Kharkiv: three days of one war
    {"kharkiv-plant", "kharkiv", "plant",
     "KYIV (Wire) — Russian missiles struck a thermal power plant on the outskirts of Kharkiv early on Monday, "
     "killing four workers and cutting electricity to about 200,000 homes, Ukrainian officials said.\n\n"
     "The attack began shortly after 5 a.m., when at least six missiles hit the plant and a nearby substation, "
     "regional officials said. Firefighters needed nine hours to put out the blaze in the turbine hall.\n\n"
     "\"The plant is completely out of action, and repairs will take months, not weeks,\" said Oleksiy "
     "Danylenko, a spokesman for the city administration. Engineers were working to reroute power from the "
     "west of the country, he added.\n\n"
     "Ukraine's air force said it had shot down 11 of the 17 missiles launched across the country overnight, "
     "and called again on Western partners to send more air defence systems.\n\n"
     "Moscow did not comment on the strike. Russia has repeatedly targeted Ukraine's energy network since the "
     "start of its full-scale invasion in February 2022."},
    {"kharkiv-plant-respun", "kharkiv", "plant",
     "Four employees died when Russian missiles hit a thermal power station near Kharkiv in the early hours "
     "of Monday, leaving roughly 200,000 households without power, according to Ukrainian authorities.\n\n"
     "At least six missiles slammed into the station and an adjacent substation soon after 5 a.m., local "
     "authorities reported, and fire crews battled the flames in the turbine building for nine hours.\n\n"
     "Oleksiy Danylenko, spokesman for the city administration, said the station had been entirely knocked "
     "out. \"Repairs will take months, not weeks,\" he told journalists, adding that engineers were trying to "
     "bring in electricity from western Ukraine.\n\n"
     "Across the country, Russia fired 17 missiles overnight, of which 11 were downed, Ukraine’s air force "
     "said. It renewed its appeal to Western allies for additional air defence.\n\n"
     "The Kremlin made no comment. Since launching its full-scale invasion in February 2022, Russia has "
     "repeatedly attacked Ukraine's power grid, and residents of Kharkiv, the country's second-largest city, "
     "have endured weeks of blackouts this winter."},
    {"kharkiv-drones", "kharkiv", "drones",
     "KYIV (Wire) — Russian drones hit an apartment block in the centre of Kharkiv late on Thursday, killing "
     "seven people, including a child, and wounding 23, Ukrainian officials said.\n\n"
     "Rescue teams were still searching the rubble of the nine-storey building on Friday morning, said Oleksiy "
     "Danylenko, a spokesman for the city administration. \"We hear voices under the concrete, and we will "
     "work until everyone is found,\" he said.\n\n"
     "The attack involved Iranian-designed Shahed drones launched from the Belgorod region, about 40 "
     "kilometres to the north, Ukraine's air force said. It said air defences had destroyed 31 of 40 drones "
     "across the country.\n\n"
     "Moscow did not comment on the strike. Russia has repeatedly targeted Ukraine's cities since the start "
     "of its full-scale invasion in February 2022, and says it hits only military targets."},
    {"kharkiv-drones-respun", "kharkiv", "drones",
     "Seven people, among them a child, were killed and 23 injured when Russian drones struck a residential "
     "building in central Kharkiv on Thursday evening, according to Ukrainian authorities.\n\n"
     "Ukraine's air force said the Shahed drones, an Iranian design, had been launched from Russia's Belgorod "
     "region, some 40 kilometres north of the city. Air defences downed 31 of the 40 drones fired at the "
     "country overnight, it added.\n\n"
     "On Friday morning rescuers were still digging through the debris of the nine-storey block. \"We can "
     "hear voices beneath the concrete, and we will keep going until everyone is found,\" city administration "
     "spokesman Oleksiy Danylenko said.\n\n"
     "The Kremlin did not respond. Moscow says it strikes only military sites, although Russian attacks have "
     "repeatedly hit Ukrainian cities since the full-scale invasion began in February 2022."},
    {"kharkiv-border", "kharkiv", "border",
     "KHARKIV, Ukraine (Wire) — Russian troops crossed the border north of Kharkiv on Saturday and attacked "
     "several villages near Vovchansk, forcing hundreds of civilians to flee, Ukrainian officials said.\n\n"
     "Ukraine's defence ministry said its forces had stopped the advance about five kilometres inside the "
     "border and had sent reinforcements to the area. Shelling of Vovchansk continued through the night, and "
     "police were evacuating the remaining residents by bus.\n\n"
     "\"The enemy is trying to stretch our lines, but we were ready for this,\" said a military spokesman, "
     "Colonel Serhiy Tkachuk.\n\n"
     "Oleksiy Danylenko, a spokesman for the Kharkiv city administration, said the city had opened two more "
     "reception centres for families arriving from the border villages.\n\n"
     "Russia has repeatedly targeted the Kharkiv region since the start of its full-scale invasion in "
     "February 2022."},
    // ---------------------------------------------------------------- Armenia and Azerbaijan: talks, follow-up
    {"geneva-prisoners", "caucasus", "prisoners",
     "GENEVA (Wire) — Armenia and Azerbaijan agreed on Tuesday to exchange prisoners and to set up a joint "
     "commission on missing persons, after two days of talks between their foreign ministers in Geneva, the "
     "Swiss mediator said.\n\n"
     "Under the deal, Azerbaijan will release 32 Armenian soldiers captured during the fighting in Karabakh, "
     "and Armenia will hand over two Azerbaijani servicemen detained after crossing the border last year. The "
     "exchange is due to take place at the border within two weeks.\n\n"
     "\"This is the first signed document between the two sides since the war, and it shows that direct "
     "talks can work,\" the mediator, Anna Keller, told reporters.\n\n"
     "The ministers did not agree on the wording of a wider peace treaty. Disputes over border demarcation and "
     "transport routes through southern Armenia remain unresolved, and both delegations said they would meet "
     "again in Geneva in the spring."},
    {"geneva-prisoners-respun", "caucasus", "prisoners",
     "Talks between the foreign ministers of Armenia and Azerbaijan in Geneva ended on Tuesday with an "
     "agreement to swap prisoners and to create a joint body to trace missing people, the Swiss mediator "
     "announced after two days of negotiations.\n\n"
     "Baku will free 32 Armenian troops taken prisoner in the Karabakh fighting, while Yerevan will return two "
     "Azerbaijani soldiers held since they crossed the frontier last year, according to the agreement. The "
     "handover will take place on the border within a fortnight.\n\n"
     "Mediator Anna Keller called it the first document the two countries had signed since the war. \"It "
     "shows that direct talks can work,\" she said at a news conference.\n\n"
     "The two sides remain divided over a broader peace treaty, however. There was no progress on "
     "demarcating the border or on transit routes across southern Armenia, and the delegations plan to "
     "return to Geneva in the spring."},
    {"geneva-collapse", "caucasus", "collapse",
     "GENEVA (Wire) — Peace talks between Armenia and Azerbaijan broke up in Geneva on Thursday without "
     "agreement, after the two foreign ministers failed to settle a dispute over border demarcation, the "
     "Swiss mediator said.\n\n"
     "The delegations had hoped to agree on the text of a peace treaty, but Azerbaijan insisted that Armenia "
     "first change its constitution, which Baku says contains a claim to Karabakh. Armenia rejected the demand "
     "as interference in its internal affairs.\n\n"
     "\"We came close on most articles, but the last ones are always the hardest,\" the mediator, Anna "
     "Keller, told reporters. No date was set for a new round.\n\n"
     "Shooting along the border resumed hours after the talks ended, Armenia's defence ministry said, "
     "accusing Azerbaijani forces of firing on positions near the village of Tegh. Baku said its troops had "
     "returned fire."},
    {"exchange-done", "caucasus", "exchange",
     "YEREVAN (Wire) — Azerbaijan handed over 32 Armenian soldiers at the border on Sunday, and Armenia "
     "returned two Azerbaijani servicemen, completing the prisoner exchange agreed at talks in Geneva this "
     "month, officials in both countries said.\n\n"
     "The released Armenian soldiers, most of them captured during the fighting in Karabakh, were taken by bus "
     "to Yerevan, where relatives waited outside a military hospital. The International Committee of the Red "
     "Cross supervised the handover.\n\n"
     "The Swiss mediator, Anna Keller, said the exchange showed that both sides could keep their word, and "
     "urged them to make progress on a peace treaty before the next round of talks in Geneva in the spring.\n\n"
     "Border demarcation and transport routes through southern Armenia remain the main disputes."},
    // ---------------------------------------------------------------- Gaza: a round of talks and the reply
    {"cairo-round", "gaza", "cairo",
     "CAIRO (Wire) — Egyptian and Qatari mediators opened a new round of talks in Cairo on Sunday on a "
     "ceasefire in Gaza and the release of hostages held by Hamas, with an Israeli delegation attending for "
     "the first time in three weeks, officials said.\n\n"
     "Two Egyptian officials said the mediators had presented a revised proposal for a six-week pause in "
     "fighting, during which Hamas would free 40 hostages, including women and elderly people, in return for "
     "Palestinian prisoners held in Israel.\n\n"
     "\"The gaps are narrower than at any point since the summer,\" said Qatar's foreign ministry spokesman, "
     "Khalid Rashed, in Doha. He cautioned that several issues, including the return of displaced people to "
     "northern Gaza, were still open.\n\n"
     "A Hamas delegation is expected in Cairo on Tuesday to give the group's response. Israeli strikes on "
     "Rafah and Khan Younis killed at least 31 people overnight, according to the Health Ministry in Gaza."},
    {"cairo-round-respun", "gaza", "cairo",
     "Mediators from Egypt and Qatar began fresh negotiations in Cairo on Sunday aimed at a Gaza truce and the "
     "freeing of hostages held by Hamas, and for the first time in three weeks Israel sent a delegation, "
     "officials said.\n\n"
     "According to two Egyptian officials, the mediators put forward an amended plan for a six-week halt to "
     "the fighting. During the pause, Hamas would release 40 hostages, among them women and elderly captives, "
     "in exchange for Palestinian prisoners in Israeli jails.\n\n"
     "Speaking in Doha, Khalid Rashed, the spokesman of Qatar's foreign ministry, said the differences were "
     "smaller than at any time since the summer, but warned that questions such as the return of displaced "
     "Palestinians to northern Gaza remained unresolved.\n\n"
     "Hamas is due to send a delegation to Cairo on Tuesday with its answer. Overnight, at least 31 people "
     "were killed in Israeli airstrikes on Rafah and Khan Younis, the Gaza Health Ministry said. The war has "
     "displaced most of the territory's population."},
    {"hamas-response", "gaza", "response",
     "CAIRO (Wire) — Hamas gave Egyptian and Qatari mediators its response to a proposed ceasefire in Gaza on "
     "Tuesday, demanding a permanent end to the war, and Israel rejected the demand within hours, officials "
     "said.\n\n"
     "A Hamas official in Beirut said the group had accepted the exchange of hostages for Palestinian "
     "prisoners in principle but wanted guarantees that the fighting would not resume after the six-week "
     "pause. An Israeli official said the conditions were \"unacceptable\" and that the delegation would not "
     "return to Cairo for now.\n\n"
     "Qatar's foreign ministry spokesman, Khalid Rashed, said the mediators would keep working with both "
     "sides. \"Nobody has left the table,\" he said in Doha.\n\n"
     "Israeli strikes on Rafah killed at least 18 people on Tuesday, according to the Health Ministry in "
     "Gaza."},
    // ---------------------------------------------------------------- Sudan: a convoy, then an attack
    {"fasher-convoy", "sudan", "convoy",
     "PORT SUDAN (Wire) — A United Nations convoy carrying food for 80,000 people reached El Fasher on "
     "Wednesday, the first aid to arrive in the besieged city in North Darfur for more than two months, the "
     "World Food Programme said.\n\n"
     "The 22 trucks crossed from Chad at the Tine border post and travelled for eight days along roads "
     "controlled by the Rapid Support Forces, which have surrounded El Fasher since May. Part of the food will "
     "go to the Zamzam camp south of the city, where aid groups say famine conditions have been confirmed.\n\n"
     "\"This is a drop in the ocean. We need convoys every week, not every two months,\" said Sara Haddad, the "
     "agency's deputy country director.\n\n"
     "Fighting between the army and the paramilitary RSF has driven more than 10 million people from their "
     "homes across Sudan since April last year."},
    {"fasher-convoy-respun", "sudan", "convoy",
     "The World Food Programme said on Wednesday that a 22-truck UN convoy had reached El Fasher, delivering "
     "food for some 80,000 people in the first aid shipment to the besieged North Darfur city in over two "
     "months.\n\n"
     "The trucks entered Sudan from Chad through the Tine crossing and spent eight days on roads held by the "
     "Rapid Support Forces, the paramilitary group that has encircled El Fasher since May, the agency said. "
     "Some of the supplies are destined for Zamzam camp south of the city, where famine has been declared.\n\n"
     "Sara Haddad, deputy country director of the agency, said far more was needed. \"It's a drop in the "
     "ocean,\" she said. \"Convoys have to come every week, not every two months.\"\n\n"
     "Across Sudan, over 10 million people have been displaced since war erupted in April last year between "
     "the army and the RSF."},
    {"zamzam-shelling", "sudan", "shelling",
     "PORT SUDAN (Wire) — Shelling by the Rapid Support Forces killed at least 15 people in the Zamzam camp "
     "near El Fasher on Sunday, including four children, and destroyed a clinic run by a medical charity, aid "
     "workers said.\n\n"
     "The paramilitary RSF, which has besieged El Fasher in North Darfur since May, fired artillery into the "
     "camp for several hours, according to a camp coordinator. The RSF denied targeting civilians and accused "
     "the army of using the camp as a base.\n\n"
     "\"People have nowhere left to run. The camp was the last safe place,\" said Sara Haddad of the World "
     "Food Programme, which halted distributions in Zamzam after the attack.\n\n"
     "Fighting between the army and the RSF has driven more than 10 million people from their homes across "
     "Sudan since April last year."},
    // ---------------------------------------------------------------- Georgia: a night of protest, then the vote
    {"tbilisi-dispersal", "georgia", "dispersal",
     "TBILISI (Wire) — Police in Georgia used water cannon and tear gas early on Wednesday to disperse "
     "thousands of protesters outside parliament in Tbilisi who were demonstrating against a bill on "
     "\"foreign agents\", the interior ministry said.\n\n"
     "The ministry said 63 people were detained and 11 police officers were injured. Opposition leaders said "
     "dozens of protesters had been beaten, and one, Nino Beridze, was taken to hospital with a head wound.\n\n"
     "The bill would require groups that receive more than 20 percent of their funding from abroad to "
     "register as organisations serving a foreign power. Critics say it copies a Russian law used to silence "
     "opponents of the Kremlin and would block Georgia's path to the European Union.\n\n"
     "The governing Georgian Dream party says the law is needed to make foreign funding transparent."},
    {"tbilisi-dispersal-respun", "georgia", "dispersal",
     "Georgian riot police fired tear gas and turned water cannon on thousands of demonstrators outside the "
     "parliament building in Tbilisi in the early hours of Wednesday, breaking up a protest against a "
     "proposed \"foreign agents\" law.\n\n"
     "Sixty-three people were arrested and 11 officers hurt, according to the interior ministry. The "
     "opposition said dozens of protesters had been beaten; one of its leaders, Nino Beridze, was "
     "hospitalised with a head injury.\n\n"
     "Under the bill, organisations that get more than 20 percent of their money from abroad would have to "
     "register as bodies serving the interests of a foreign power. The ruling Georgian Dream party argues it "
     "will bring transparency to foreign funding, but opponents say it mirrors a Russian law the Kremlin has "
     "used against its critics and would derail Georgia's bid to join the European Union. Protests have been "
     "held every night for two weeks."},
    {"tbilisi-adopted", "georgia", "adopted",
     "TBILISI (Wire) — Georgia's parliament adopted the \"foreign agents\" bill in its third and final reading "
     "on Tuesday, despite weeks of mass protests in Tbilisi and warnings from the European Union that it would "
     "harm the country's bid for membership.\n\n"
     "The governing Georgian Dream party passed the law by 84 votes to 30. Opposition deputies walked out of "
     "the chamber, and a scuffle broke out near the speaker's podium before the vote.\n\n"
     "Thousands of protesters gathered outside parliament on Rustaveli Avenue as the result was announced. "
     "\"We will not accept a Russian law in Georgia,\" said Nino Beridze, an opposition leader, who was "
     "injured at a rally earlier this month.\n\n"
     "The president has said she will veto the bill, but Georgian Dream has enough seats to override her."},
    // ---------------------------------------------------------------- Korea: a launch, and the drills before it
    {"missile-launch", "korea", "launch",
     "SEOUL (Wire) — North Korea fired a ballistic missile into the sea off its east coast on Friday, South "
     "Korea's Joint Chiefs of Staff said, days after Seoul and Washington began their largest joint military "
     "exercises in five years.\n\n"
     "The missile was launched from near Pyongyang at about 7:40 a.m. and flew about 800 kilometres before "
     "falling into the water outside Japan's exclusive economic zone, the Japanese defence ministry said. "
     "Tokyo lodged a protest through diplomatic channels in Beijing.\n\n"
     "North Korea has called the drills a rehearsal for invasion and warned of \"overwhelming\" "
     "countermeasures. The Joint Chiefs of Staff said South Korea's military had increased surveillance and "
     "was sharing information with the United States and Japan."},
    {"missile-launch-respun", "korea", "launch",
     "A ballistic missile launched by North Korea on Friday came down in the sea east of the Korean "
     "peninsula, according to South Korea's Joint Chiefs of Staff. The launch came days after South Korean "
     "and US forces started their biggest combined drills in five years.\n\n"
     "Fired from the Pyongyang area at around 7:40 a.m., the missile travelled roughly 800 kilometres and "
     "landed outside Japan's exclusive economic zone, Japan's defence ministry reported. The Japanese "
     "government protested via its embassy channels in Beijing.\n\n"
     "Pyongyang has denounced the exercises as preparation for an invasion and has threatened "
     "\"overwhelming\" countermeasures. South Korea's military has stepped up its monitoring and is "
     "exchanging data with Washington and Tokyo, the Joint Chiefs said. It was the North's fourth missile "
     "launch this year."},
    {"drills-begin", "korea", "drills",
     "SEOUL (Wire) — South Korea and the United States began their largest joint military exercises in five "
     "years on Monday, with tens of thousands of troops taking part in field training across the south of the "
     "Korean peninsula, the Joint Chiefs of Staff said.\n\n"
     "The 11-day drills, known as Freedom Shield, include amphibious landings near Pohang and live-fire "
     "exercises close to the border with North Korea. Japan's navy will join a missile defence exercise in "
     "the final week.\n\n"
     "North Korea's state news agency called the drills a rehearsal for invasion and warned that Pyongyang "
     "would respond with \"overwhelming\" countermeasures. Seoul's defence ministry said the exercises were "
     "defensive and urged North Korea to return to talks."},
    // ---------------------------------------------------------------- EU and Iran: sanctions and the reaction
    {"eu-sanctions", "iran", "sanctions",
     "BRUSSELS (Wire) — The European Union on Monday imposed sanctions on six Iranian officials and four "
     "companies it accuses of supplying drones and missile parts to Russia for use in its war against "
     "Ukraine.\n\n"
     "EU foreign ministers meeting in Brussels agreed to freeze the assets of those listed and ban them from "
     "travelling to the bloc. They include two commanders of the Islamic Revolutionary Guard Corps and a firm "
     "that makes engines for Shahed drones, according to the EU's official journal.\n\n"
     "\"Every drone that Iran sends to Russia ends up hitting Ukrainian homes and power stations,\" said Marta "
     "Lind, a spokeswoman for the EU's foreign policy service.\n\n"
     "Iran denies arming Russia for the war and says drones it sold to Moscow were delivered before the "
     "invasion began."},
    {"eu-sanctions-respun", "iran", "sanctions",
     "Six Iranian officials and four firms were hit with European Union sanctions on Monday over accusations "
     "that they provided Russia with drones and missile components used in the war in Ukraine.\n\n"
     "Meeting in Brussels, the bloc's foreign ministers ordered asset freezes and travel bans against them. "
     "Among those targeted are two Islamic Revolutionary Guard Corps commanders and a manufacturer of engines "
     "for Shahed drones, the EU's official journal showed.\n\n"
     "Tehran rejects claims that it is supplying weapons to Moscow for the conflict, saying any drones it sold "
     "to Russia were delivered before the invasion. \"Each drone Iran ships to Russia ends up striking homes "
     "and power plants in Ukraine,\" EU foreign policy spokeswoman Marta Lind said."},
    {"iran-summons", "iran", "summons",
     "TEHRAN (Wire) — Iran summoned the ambassadors of three European Union states on Tuesday to protest "
     "against new EU sanctions over drone supplies to Russia, and threatened to respond with measures of its "
     "own, the foreign ministry said.\n\n"
     "A foreign ministry spokesman, Reza Karimi, said the sanctions on Iranian officials and companies were "
     "\"illegal and based on lies\" and that Tehran had never sent drones to Russia for use in Ukraine.\n\n"
     "The European Union imposed the sanctions on Monday on six officials and four firms, including "
     "commanders of the Islamic Revolutionary Guard Corps. Marta Lind, a spokeswoman for the EU's foreign "
     "policy service, said the bloc had \"clear evidence\" of the deliveries."},
    // ---------------------------------------------------------------- Niger: the order, then the withdrawal
    {"niger-order", "niger", "order",
     "NIAMEY (Wire) — Niger's military government ordered France on Thursday to withdraw its 1,500 troops "
     "from the country within a month, and ended a series of defence agreements signed with Paris over the "
     "past decade.\n\n"
     "A junta spokesman, Colonel Amadou Issoufou, read the decision on state television. He accused France of "
     "violating Niger's airspace and of \"working to destabilise\" the new authorities in Niamey since the "
     "coup in July.\n\n"
     "France said it did not recognise the authority of the junta to end the agreements and that its troops "
     "would remain for now. The French soldiers are based at an air base in Niamey and at two outposts in the "
     "west, near the border with Mali.\n\n"
     "Hundreds of people gathered outside the French base in Niamey after the announcement, waving Russian "
     "and Nigerien flags."},
    {"niger-order-respun", "niger", "order",
     "Niger's ruling junta on Thursday gave French forces a month to leave the country and tore up several "
     "defence pacts agreed with France over the last ten years.\n\n"
     "In a statement read out on state television, junta spokesman Colonel Amadou Issoufou accused Paris of "
     "breaching Niger's airspace and of trying to destabilise the new government since July's coup.\n\n"
     "The decision drew crowds of several hundred people to the French base in Niamey, where they waved the "
     "flags of Niger and Russia.\n\n"
     "Paris responded that the military rulers had no legitimate authority to cancel the agreements and said "
     "its roughly 1,500 soldiers would stay for the time being. They are stationed at an air base in the "
     "capital and at two bases in western Niger near the Malian border."},
    {"niger-convoy", "niger", "withdrawal",
     "NIAMEY (Wire) — The first convoy of French troops left Niger on Tuesday, heading for Chad by road, as "
     "France began withdrawing its 1,500 soldiers after the military government ordered them out, the junta "
     "said.\n\n"
     "The convoy of about 40 vehicles left the outpost at Ouallam, near the border with Mali, under escort by "
     "Nigerien troops, junta spokesman Colonel Amadou Issoufou said on state television. The rest of the "
     "soldiers, based at the air base in Niamey, are due to leave by the end of the year.\n\n"
     "France said the withdrawal would be completed in an orderly way. Its forces have now left Mali, Burkina "
     "Faso and Niger, ending a decade-long campaign against Islamist militants in the Sahel."},
    // ---------------------------------------------------------------- written after the features were chosen
    {"quake", "quake", "quake",
     "ANKARA (Wire) — A magnitude 5.9 earthquake struck eastern Turkey before dawn on Wednesday, killing "
     "at least 12 people and injuring more than 150 in Malatya province, the country's disaster agency "
     "said.\n\nThe quake hit at 4:17 a.m. at a depth of about 10 kilometres, with its epicentre near the "
     "town of Yesilyurt, according to the agency, known as AFAD. Dozens of aftershocks followed, the "
     "strongest of magnitude 4.6.\n\nRescue workers pulled 23 people alive from collapsed buildings by "
     "midday, AFAD said. Most of the dead were in two apartment blocks that had been damaged in the 2023 "
     "earthquakes and were due to be demolished, the provincial governor, Ahmet Yavuz, told local "
     "television.\n\n\"People were sleeping, and many did not have time to run outside,\" Yavuz said. He "
     "said 40 buildings had collapsed or been badly damaged, and that tents were being set up in a stadium "
     "for families who could not return home.\n\nSchools in Malatya and neighbouring Elazig will stay "
     "closed for a week. Turkey lies on major fault lines, and the region is still rebuilding after the "
     "2023 disaster, which killed more than 50,000 people in the country's south."},
    {"quake-respun", "quake", "quake",
     "At least 12 people lost their lives and over 150 were hurt when an earthquake of magnitude 5.9 shook "
     "Malatya province in eastern Turkey in the early hours of Wednesday, Turkey's disaster management "
     "authority, AFAD, reported.\n\nThe tremor struck at 4:17 a.m. some 10 kilometres below ground, "
     "centred close to Yesilyurt, the authority said. It was followed by dozens of aftershocks, the "
     "largest measuring 4.6.\n\nProvincial governor Ahmet Yavuz said on local television that most of the "
     "victims lived in two apartment buildings already weakened by the 2023 quakes and scheduled for "
     "demolition. \"People were asleep, and many had no time to get out,\" he said. According to Yavuz, 40 "
     "buildings were either destroyed or seriously damaged, and a stadium was being filled with tents for "
     "residents unable to go back to their homes.\n\nBy midday, emergency teams had rescued 23 survivors "
     "from the rubble, AFAD said.\n\nSchools will remain shut for a week in Malatya and nearby Elazig. The "
     "region sits on major fault lines and is still recovering from the 2023 earthquakes, which killed "
     "more than 50,000 people across southern Turkey. Engineers have warned for years that many older "
     "buildings in the east would not withstand a strong tremor."},
    {"quake-search-ends", "quake", "search",
     "MALATYA, Turkey (Wire) — Rescue teams ended their search for survivors in Malatya province on "
     "Friday, two days after a magnitude 5.9 earthquake killed 14 people, and the government promised to "
     "rebuild every damaged home within a year, Turkey's disaster agency AFAD said.\n\nThe last body was "
     "recovered overnight from an apartment block in the town of Yesilyurt, near the epicentre, AFAD said. "
     "Ninety people remain in hospital, five of them in intensive care.\n\nProvincial governor Ahmet Yavuz "
     "said inspectors had checked 2,300 buildings since Wednesday and found 310 unsafe to live in. More "
     "than 4,000 people were spending the nights in tents and sports halls, he said, and temperatures in "
     "Malatya were expected to fall below zero next week.\n\nProsecutors opened an investigation into the "
     "two apartment blocks where most of the victims died. Both had been damaged in the 2023 earthquakes "
     "and were due to be demolished, but residents said they had not been told to leave.\n\n\"Families "
     "were living in buildings that the state itself had marked for demolition,\" an opposition lawmaker "
     "from the province, Selin Aksoy, told parliament in Ankara."},
    {"kenya-protest", "kenya", "protest",
     "NAIROBI (Wire) — Kenyan police fired tear gas and water cannon at thousands of protesters in central "
     "Nairobi on Tuesday as parliament debated a finance bill that would raise taxes on bread, fuel and "
     "mobile money transfers.\n\nDemonstrators, most of them young, marched towards parliament chanting "
     "against the tax rises and President Daniel Mwangi's government. Police blocked the streets around "
     "the building and arrested at least 210 people, according to the Law Society of Kenya, which said "
     "some of those detained were beaten.\n\nProtests also took place in Mombasa, Kisumu and Nakuru, local "
     "media reported. The Kenya National Commission on Human Rights said two people had been shot dead in "
     "Nakuru and called for an investigation.\n\nThe government says the bill is needed to raise 2.7 "
     "billion dollars to reduce borrowing and pay down debt. Opponents say it will push up the cost of "
     "living for families already struggling with high prices.\n\nLawmakers are expected to vote on the "
     "bill on Thursday."},
    {"kenya-protest-respun", "kenya", "protest",
     "Thousands of mostly young protesters were met with tear gas and water cannon in the centre of "
     "Nairobi on Tuesday, as Kenya's parliament discussed a finance bill that would increase taxes on "
     "bread, petrol and mobile money payments.\n\nThe marchers headed for parliament, chanting slogans "
     "against the new taxes and against the government of President Daniel Mwangi, but police sealed off "
     "the surrounding streets. At least 210 people were arrested, the Law Society of Kenya said, adding "
     "that some detainees had been beaten.\n\nThere were also demonstrations in Mombasa, Kisumu and "
     "Nakuru, according to local media. In Nakuru two protesters were shot dead, said the Kenya National "
     "Commission on Human Rights, which demanded an inquiry.\n\nOpponents of the bill argue it will drive "
     "up living costs for households already hit by high prices. The government insists it must raise 2.7 "
     "billion dollars to cut borrowing and service its debt. A vote in parliament is scheduled for "
     "Thursday."},
    {"kenya-bill-returned", "kenya", "returned",
     "NAIROBI (Wire) — Kenyan President Daniel Mwangi said on Wednesday he would not sign the finance bill "
     "passed by parliament and sent it back to lawmakers, a day after protesters stormed the parliament "
     "building in Nairobi and police shot dead at least 17 people.\n\nIn a televised address from State "
     "House, Mwangi said he had listened to young Kenyans and would start a dialogue on how to fund the "
     "budget without new taxes on bread, fuel and mobile money. He defended the police, saying they had "
     "acted against \"criminals\" who set part of parliament on fire.\n\nThe Kenya National Commission on "
     "Human Rights said 17 people had been killed across the country on Tuesday, most of them in Nairobi, "
     "and more than 300 wounded. The Law Society of Kenya said it would go to court over what it called "
     "abductions of protest organisers.\n\nOpposition leaders welcomed the decision but demanded that "
     "officers responsible for the killings be prosecuted. Protest organisers called for new marches on "
     "Thursday."},
    {"red-sea-ship", "red-sea", "ship",
     "DUBAI (Wire) — Yemen's Houthi rebels fired two anti-ship missiles at a Greek-owned cargo ship in the "
     "Red Sea on Monday, setting it on fire and forcing its crew of 23 to abandon the vessel, the British "
     "military's maritime agency said.\n\nThe bulk carrier, the Aegean Star, was sailing north about 70 "
     "nautical miles west of the port of Hodeidah when it was hit, the UK Maritime Trade Operations agency "
     "said. A passing warship rescued the crew, and no injuries were reported.\n\nThe Houthis claimed the "
     "attack in a statement read by their military spokesman, Fadl al-Harazi, saying the ship belonged to a "
     "company that had ignored their ban on entering Israeli ports.\n\nThe Houthis have attacked more than "
     "100 merchant ships since November, saying they act in solidarity with Palestinians in Gaza. The "
     "attacks have forced many shipping companies to send their vessels around the southern tip of Africa."},
    {"red-sea-ship-respun", "red-sea", "ship",
     "A Greek-owned bulk carrier caught fire in the Red Sea on Monday after being struck by two anti-ship "
     "missiles launched by Yemen's Houthi rebels, and its 23 crew members had to abandon ship, Britain's "
     "military maritime agency reported.\n\nAccording to the UK Maritime Trade Operations agency, the "
     "Aegean Star was hit while heading north roughly 70 nautical miles west of Hodeidah. The sailors were "
     "picked up by a warship in the area and none was hurt.\n\nHouthi military spokesman Fadl al-Harazi "
     "claimed responsibility, saying the vessel's owner had defied the group's ban on calling at Israeli "
     "ports.\n\nSince November the Houthis have targeted over 100 commercial ships in what they describe "
     "as support for the Palestinians in Gaza, pushing many shipping firms to reroute around the southern "
     "tip of Africa. Insurance costs for ships crossing the Red Sea have risen sharply."},
    {"red-sea-strikes", "red-sea", "strikes",
     "DUBAI (Wire) — The United States and Britain carried out air strikes on Houthi targets in Yemen on "
     "Thursday, hitting missile launchers and radar sites near the port of Hodeidah, days after the rebels "
     "set a Greek-owned cargo ship on fire in the Red Sea, the Pentagon said.\n\nThe strikes targeted 13 "
     "sites, including underground storage for anti-ship missiles, a Pentagon spokesman said. Houthi-run "
     "television said four people had been killed in the raids on Hodeidah and Sanaa.\n\nThe Houthis' "
     "military spokesman, Fadl al-Harazi, said the group would respond and would continue to attack ships "
     "linked to Israel, the United States and Britain. The crew of the Aegean Star, the ship hit on "
     "Monday, arrived in Djibouti on Wednesday.\n\nThe Houthis have attacked more than 100 merchant ships "
     "since November, saying they act in solidarity with Palestinians in Gaza."},
    {"kosovo-ambush", "kosovo", "ambush",
     "PRISTINA (Wire) — A Kosovo police officer was killed and another wounded on Sunday when gunmen "
     "opened fire on a patrol near the village of Banjska in northern Kosovo, close to the border with "
     "Serbia, Kosovo's interior minister said.\n\nThe attackers, about 30 armed men in uniforms without "
     "insignia, then barricaded themselves in a monastery in the village, Interior Minister Arben Krasniqi "
     "said. Police surrounded the area, and a gunfight went on for several hours.\n\nKosovo's prime "
     "minister accused Serbia of backing the attack and called it an act of \"organised crime with "
     "political and financial support from Belgrade\". Serbia's president denied any involvement and "
     "called on NATO peacekeepers to take control of the north.\n\nThe European Union condemned the attack "
     "and called on both sides to calm tensions. Northern Kosovo, where most of the population is Serb, "
     "has seen repeated unrest since Kosovo declared independence from Serbia in 2008."},
    {"kosovo-ambush-respun", "kosovo", "ambush",
     "Gunmen attacked a police patrol near Banjska in northern Kosovo on Sunday, killing one officer and "
     "wounding a second, according to Kosovo's interior minister, Arben Krasniqi. The village lies close "
     "to the Serbian border.\n\nAround 30 armed men wearing uniforms with no insignia carried out the "
     "ambush and then took refuge in a monastery in Banjska, Krasniqi said. Police encircled the village "
     "and exchanged fire with the group for hours.\n\nSerbia's president rejected any role in the violence "
     "and urged NATO peacekeepers to assume control of the north. Kosovo's prime minister, however, blamed "
     "Serbia, describing the attack as \"organised crime with political and financial support from "
     "Belgrade\".\n\nThe European Union condemned the shooting and urged both governments to lower "
     "tensions. The Serb-majority north of Kosovo has been the scene of repeated unrest since Kosovo broke "
     "away from Serbia and declared independence in 2008."},
    {"kosovo-talks", "kosovo", "talks",
     "BRUSSELS (Wire) — Leaders of Kosovo and Serbia met in Brussels on Thursday for European "
     "Union-mediated talks but failed to agree on steps to ease tensions in northern Kosovo, the EU's "
     "envoy said.\n\nThe EU had asked Kosovo's prime minister to withdraw special police units from "
     "Serb-majority towns in the north and Serbia's president to help hand over those responsible for an "
     "attack on a police patrol near Banjska last month, in which a Kosovo officer was killed.\n\n\"Both "
     "leaders agreed on the goals but not on who moves first,\" the EU envoy, Petra Lindqvist, told "
     "reporters after five hours of talks. She said a new meeting would be held before the end of the "
     "year.\n\nKosovo's interior minister, Arben Krasniqi, said in Pristina that the police units would "
     "stay as long as armed groups threatened the north. Kosovo declared independence from Serbia in 2008, "
     "which Belgrade does not recognise."},
    {"kashmir-civilians", "kashmir", "civilians",
     "ISLAMABAD (Wire) — Pakistan accused Indian troops on Saturday of firing across the Line of Control "
     "in Kashmir overnight, killing two civilians and wounding five in the Neelum valley, the Pakistani "
     "military said.\n\nThe military's media wing said Indian forces had used mortars and heavy machine "
     "guns against villages near Athmuqam from about 11 p.m. until dawn, and that Pakistani troops had "
     "returned fire. A house and a school were damaged.\n\nIndia's army denied opening fire first and said "
     "its positions in the Kupwara sector had come under unprovoked fire from Pakistani posts, which it "
     "said had been answered in kind. There were no Indian casualties, an army spokesman in Srinagar "
     "said.\n\nThe two countries agreed to observe a ceasefire along the Line of Control in 2021, but both "
     "sides have reported violations this year."},
    {"kashmir-soldiers", "kashmir", "soldiers",
     "ISLAMABAD (Wire) — Three Pakistani soldiers were killed on Tuesday when Indian troops fired across "
     "the Line of Control in the Poonch area of Kashmir, the Pakistani military said, the deadliest "
     "violation of the ceasefire this year.\n\nThe military's media wing said Indian forces had targeted a "
     "border post near Rawalakot with artillery in the afternoon and that Pakistani troops had responded, "
     "destroying two Indian bunkers. It gave no further details.\n\nIndia's army denied losing any bunkers "
     "and said Pakistani troops had fired first at its positions in the Poonch sector, killing one Indian "
     "soldier. An army spokesman in Jammu said the Indian side had responded "
     "\"effectively\".\n\nPakistan's foreign ministry summoned India's top diplomat in Islamabad to "
     "protest. The two countries agreed to observe a ceasefire along the Line of Control in 2021."},
};
constexpr size_t kNumFixtures = sizeof(kFixtures) / sizeof(kFixtures[0]);

const Fixture* FindFixture(std::string_view name) {
  for (const Fixture& f : kFixtures)
    if (name == f.name) return &f;
  return nullptr;
}

RespunSignature Sig(std::string_view name) {
  const Fixture* f = FindFixture(name);
  EXPECT_NE(f, nullptr) << name;
  return f ? SignRespun(f->text) : RespunSignature();
}

std::string Show(const RespunScore& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << "words " << s.words << ", names " << s.names << ", mean "
      << (s.words + s.names) / 2 << ", length ratio " << s.length_ratio;
  return out.str();
}

std::string Cleaned(const std::string& text) {
  Document d;
  d.text = text;
  CleanDocument(d);
  return d.text;
}

// The grouping the store makes: an article joins the group of the first earlier article that is a copy
// (MinHash) or a re-spin (IsRespun) of it, through the two indexes.
std::vector<int64_t> Group(const std::vector<std::string>& texts) {
  NearDuplicateIndex copies;
  RespunIndex respun;
  std::vector<int64_t> group;
  for (size_t i = 0; i < texts.size(); ++i) {
    MinHashSignature mh = Sign(texts[i]);
    RespunSignature rs = SignRespun(texts[i]);
    int64_t g = static_cast<int64_t>(i);
    if (auto m = copies.Find(mh, 1); !m.empty()) g = m[0].id;
    else if (auto r = respun.Find(rs, 1); !r.empty()) g = r[0].id;
    copies.Insert(g, mh);
    respun.Insert(g, rs);
    group.push_back(g);
  }
  return group;
}

struct PairCounts {
  int true_pos = 0, false_pos = 0, false_neg = 0, true_neg = 0;
  double precision() const { return true_pos + false_pos == 0 ? 1.0 : double(true_pos) / (true_pos + false_pos); }
  double recall() const { return true_pos + false_neg == 0 ? 1.0 : double(true_pos) / (true_pos + false_neg); }
};

bool SameTopic(const Fixture& a, const Fixture& b) { return std::string_view(a.topic) == b.topic; }
bool SameEvent(const Fixture& a, const Fixture& b) { return SameTopic(a, b) && std::string_view(a.event) == b.event; }

TEST(RespunSignature, ReSpunPairsAreConfirmed) {
  size_t pairs = 0;
  for (size_t i = 0; i < kNumFixtures; ++i) {
    for (size_t j = i + 1; j < kNumFixtures; ++j) {
      const Fixture &a = kFixtures[i], &b = kFixtures[j];
      if (!SameEvent(a, b)) continue;
      ++pairs;
      RespunScore s = CompareRespun(SignRespun(a.text), SignRespun(b.text));
      const double copy = Similarity(Sign(a.text), Sign(b.text));
      std::cout << "re-spun   " << std::setw(26) << std::left << a.name << Show(s) << ", copy MinHash " << copy << "\n";
      EXPECT_TRUE(IsRespun(SignRespun(a.text), SignRespun(b.text))) << a.name << " / " << b.name << ": " << Show(s);
      EXPECT_LT(copy, 0.8) << a.name << ": the copy signal alone does not see them";
    }
  }
  EXPECT_EQ(pairs, 13u);
}

TEST(RespunSignature, OtherEventsOnTheSameTopicAreNotConfirmed) {
  // Distinct events that share a topic and most names; each also with the other event's re-spin.
  size_t pairs = 0;
  std::set<std::pair<std::string, std::string>> events;
  for (size_t i = 0; i < kNumFixtures; ++i) {
    for (size_t j = i + 1; j < kNumFixtures; ++j) {
      const Fixture &a = kFixtures[i], &b = kFixtures[j];
      if (!SameTopic(a, b) || SameEvent(a, b)) continue;
      ++pairs;
      events.emplace(std::min<std::string>(a.event, b.event), std::max<std::string>(a.event, b.event));
      RespunScore s = CompareRespun(SignRespun(a.text), SignRespun(b.text));
      std::cout << "different " << std::setw(26) << std::left << a.name << std::setw(24) << b.name << Show(s) << "\n";
      EXPECT_FALSE(IsRespun(SignRespun(a.text), SignRespun(b.text))) << a.name << " / " << b.name << ": " << Show(s);
    }
  }
  EXPECT_EQ(pairs, 34u);
  EXPECT_EQ(events.size(), 17u);  // pairs of distinct events
}

// Every pair of fixtures, grouped as the store groups them: precision and recall over pairs.
TEST(RespunFixtures, GroupingPrecisionAndRecall) {
  std::vector<std::string> texts;
  for (const Fixture& f : kFixtures) texts.push_back(f.text);
  std::vector<int64_t> group = Group(texts);
  PairCounts all, same_topic;
  for (size_t i = 0; i < kNumFixtures; ++i) {
    for (size_t j = i + 1; j < kNumFixtures; ++j) {
      const bool expected = SameEvent(kFixtures[i], kFixtures[j]);
      const bool grouped = group[i] == group[j];
      for (PairCounts* c : {&all, &same_topic}) {
        if (c == &same_topic && !SameTopic(kFixtures[i], kFixtures[j])) continue;
        (expected ? (grouped ? c->true_pos : c->false_neg) : (grouped ? c->false_pos : c->true_neg))++;
      }
      EXPECT_EQ(grouped, expected) << kFixtures[i].name << " / " << kFixtures[j].name;
    }
  }
  std::cout << "fixtures: " << kNumFixtures << " articles, " << all.true_pos + all.false_neg << " pairs to group, "
            << same_topic.false_pos + same_topic.true_neg << " same-topic pairs not to group; precision "
            << all.precision() << ", recall " << all.recall() << " (same-topic pairs: " << same_topic.true_pos
            << " grouped right, " << same_topic.false_pos << " wrongly, " << same_topic.false_neg << " missed)\n";
  EXPECT_EQ(all.precision(), 1.0);
  EXPECT_EQ(all.recall(), 1.0);
  // The same after clean/, as the store sees the texts (datelines removed).
  std::vector<std::string> cleaned;
  for (const std::string& t : texts) cleaned.push_back(Cleaned(t));
  std::vector<int64_t> cgroup = Group(cleaned);
  for (size_t i = 0; i < kNumFixtures; ++i)
    for (size_t j = i + 1; j < kNumFixtures; ++j)
      EXPECT_EQ(cgroup[i] == cgroup[j], SameEvent(kFixtures[i], kFixtures[j]))
          << "cleaned: " << kFixtures[i].name << " / " << kFixtures[j].name;
  // Order does not matter: the re-spins first.
  std::vector<std::string> reversed(texts.rbegin(), texts.rend());
  std::vector<int64_t> rgroup = Group(reversed);
  for (size_t i = 0; i < kNumFixtures; ++i)
    for (size_t j = i + 1; j < kNumFixtures; ++j)
      EXPECT_EQ(rgroup[kNumFixtures - 1 - i] == rgroup[kNumFixtures - 1 - j], group[i] == group[j])
          << kFixtures[i].name << " / " << kFixtures[j].name;
}

// The project's sample articles are eight different stories (with the pipeline's sample beside the
// project when it is there), raw and cleaned, and none of the fixtures tells one of them.
TEST(RespunFixtures, SamplesStaySeparate) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(fs::path(EVENTCODER_SOURCE_DIR) / "samples"))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  ASSERT_EQ(paths.size(), 8u);
  const fs::path karabakh = fs::path(EVENTCODER_SOURCE_DIR) / ".." / "shared" / "samples" / "karabakh-truce.txt";
  if (fs::exists(karabakh)) paths.push_back(karabakh);
  std::vector<std::string> names;
  std::vector<std::string> texts;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    names.push_back(p.filename().string());
  }
  const size_t num_samples = texts.size();
  for (const Fixture& f : kFixtures) {
    texts.push_back(f.text);
    names.push_back(f.name);
  }
  for (bool clean : {false, true}) {
    std::vector<std::string> input = texts;
    if (clean)
      for (std::string& t : input) t = Cleaned(t);
    std::vector<int64_t> group = Group(input);
    double max_words = 0, max_names = 0;
    for (size_t i = 0; i < num_samples; ++i) {
      RespunSignature si = SignRespun(input[i]);
      EXPECT_FALSE(si.empty()) << names[i];
      for (size_t j = 0; j < input.size(); ++j) {
        if (j == i) continue;
        EXPECT_NE(group[i], group[j]) << (clean ? "cleaned: " : "raw: ") << names[i] << " / " << names[j];
        RespunScore s = CompareRespun(si, SignRespun(input[j]));
        max_words = std::max(max_words, s.words);
        max_names = std::max(max_names, s.names);
      }
    }
    std::cout << "samples (" << (clean ? "cleaned" : "raw") << "): " << num_samples
              << " stories; highest content-word Jaccard with another text " << max_words << ", highest name Jaccard "
              << max_names << "\n";
  }
}

TEST(RespunSignature, KeysIgnoreCaseInflectionAndPossessives) {
  RespunSignature a = SignRespun(
      "Negotiators from Armenia said the talks on Tuesday were useful. The delegations of Azerbaijan and "
      "Armenia discussed prisoners, missing persons, border crossings and the treaty drafted by Geneva lawyers.");
  RespunSignature b = SignRespun(
      "The negotiator from ARMENIA called Tuesday’s talk useful, while Azerbaijan's delegation discussed the "
      "prisoner, the missing person, a border crossing and a treaty drafting by the Geneva lawyer.");
  RespunScore s = CompareRespun(a, b);
  EXPECT_GE(s.words, 0.8) << Show(s);
  EXPECT_EQ(s.names, 1.0) << Show(s);
  // Numbers are one key whatever their separators.
  EXPECT_EQ(SignRespun("the count of 200,000 homes").words, SignRespun("the count of 200000 homes").words);
}

TEST(RespunSignature, ShortAndEmptyTextsMatchNothing) {
  EXPECT_TRUE(SignRespun("").empty());
  EXPECT_TRUE(SignRespun("Sentence one about RUS.").empty());
  EXPECT_FALSE(IsRespun(SignRespun("Sentence one about RUS."), SignRespun("Sentence one about RUS.")));
  RespunIndex index;
  EXPECT_TRUE(index.Add(1, SignRespun("Ceasefire holds in the north, officials say.")).empty());
  EXPECT_EQ(index.size(), 0u);
  RespunSignature full = Sig("kharkiv-plant");
  EXPECT_FALSE(full.empty());
  EXPECT_TRUE(IsRespun(full, full));
}

TEST(RespunSignature, EncodingRoundTrips) {
  RespunSignature sig = Sig("cairo-round");
  std::string bytes = EncodeRespun(sig);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kRespunFormat);
  EXPECT_EQ(bytes.size(), 13 + kRespunSlots * 2 + (sig.words.size() + sig.names.size()) * 4);
  std::optional<RespunSignature> back = DecodeRespun(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->words, sig.words);
  EXPECT_EQ(back->names, sig.names);
  EXPECT_EQ(back->length, sig.length);
  EXPECT_EQ(back->slots, sig.slots);
  EXPECT_FALSE(DecodeRespun(bytes.substr(1)).has_value());
  EXPECT_FALSE(DecodeRespun(bytes + "x").has_value());
  std::string other_format = bytes;
  other_format[0] = static_cast<char>(kRespunFormat + 1);
  EXPECT_FALSE(DecodeRespun(other_format).has_value());
  EXPECT_FALSE(DecodeRespun("").has_value());
  RespunSignature empty = SignRespun("");
  std::optional<RespunSignature> empty_back = DecodeRespun(EncodeRespun(empty));
  ASSERT_TRUE(empty_back.has_value());
  EXPECT_TRUE(empty_back->empty());
}

// A changed stopword list, stemmer, seed or band layout changes these values: a new kRespunFormat is
// then needed so that stored signatures are re-signed (docs/store.md).
TEST(RespunSignature, SignatureIsStable) {
  RespunSignature sig = Sig("niger-order");
  EXPECT_EQ(sig.words.size(), 58u);
  EXPECT_EQ(sig.names.size(), 14u);
  EXPECT_EQ(Hash64(EncodeRespun(sig)), 0xaef69454e23c07acULL) << std::hex << Hash64(EncodeRespun(sig));
  std::string all;  // every fixture: most of the word lists
  for (const Fixture& f : kFixtures) all += EncodeRespun(SignRespun(f.text));
  EXPECT_EQ(Hash64(all), 0x0a52aafe042c6bffULL) << std::hex << Hash64(all);
}

TEST(RespunIndex, ReportsConfirmedMatchesBestFirstEachIdOnce) {
  RespunIndex index;
  index.Insert(7, Sig("cairo-round-respun"));
  index.Insert(8, Sig("cairo-round"));
  index.Insert(8, Sig("cairo-round-respun"));  // same id again
  index.Insert(9, Sig("hamas-response"));      // same topic, another event
  index.Insert(10, Sig("niger-order"));
  EXPECT_EQ(index.size(), 5u);
  std::vector<RespunIndex::Match> m = index.Find(Sig("cairo-round"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].id, 8);
  EXPECT_EQ(m[0].score.words, 1.0);
  EXPECT_EQ(m[1].id, 7);
  EXPECT_EQ(index.Find(Sig("cairo-round"), 1).size(), 1u);
  EXPECT_EQ(index.Add(11, Sig("cairo-round")), (std::vector<int64_t>{8, 7}));
  EXPECT_EQ(index.size(), 6u);
}

// Speed, without a timing assertion: 1000 generated articles of about 4 KB (none related to another).
TEST(RespunIndex, SignsAndIndexesAThousandArticles) {
  std::mt19937_64 rng(7);
  static const char* kSyllables[] = {"ka", "ro", "mi", "tan", "se", "lo", "vu", "ne", "dri", "pa", "sho", "le"};
  std::vector<std::string> articles;
  size_t bytes = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string text;
    for (size_t w = 0; w < 650; ++w) {
      if (w) text += (w % 17 == 0) ? ". " : " ";
      size_t syllables = 1 + rng() % 3;
      std::string word;
      for (size_t s = 0; s < syllables; ++s) word += kSyllables[rng() % 12];
      if (rng() % 8 == 0) word[0] = static_cast<char>(word[0] - 32);
      text += word;
    }
    bytes += text.size();
    articles.push_back(std::move(text));
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<RespunSignature> sigs;
  sigs.reserve(articles.size());
  for (const std::string& a : articles) sigs.push_back(SignRespun(a));
  auto signed_at = std::chrono::steady_clock::now();
  RespunIndex index;
  size_t matches = 0;
  for (size_t i = 0; i < sigs.size(); ++i) matches += index.Add(static_cast<int64_t>(i), sigs[i]).size();
  auto done = std::chrono::steady_clock::now();
  EXPECT_EQ(matches, 0u);
  auto us = [](auto d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
  std::cout << "signed " << articles.size() << " articles (" << bytes / articles.size() << " bytes each) in "
            << us(signed_at - start) << " us (" << us(signed_at - start) / 1000.0 << " us each); indexed and "
            << "searched in " << us(done - signed_at) << " us\n";
}

}  // namespace
}  // namespace eventcoder
