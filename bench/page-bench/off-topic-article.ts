/**
 * An invented local news story for the page bench's page without any mention: ordinary reporting prose with
 * people, places and organisations of its own, none of them in the dataset (written for this bench).
 */
export const OFF_TOPIC_ARTICLE = {
  title: 'Council approves the harbour plan after a six-hour meeting',
  byline: 'By Mara Lindqvist, local affairs reporter',
  paragraphs: [
    'Councillors in Port Averill voted late on Tuesday night to approve a long-delayed plan for the old harbour, ending a dispute that has divided the town for almost a decade and drawn hundreds of residents to public hearings.',
    'The plan, drawn up by the harbour board and the planning office, will turn the derelict fish market into a covered hall for small traders, rebuild the sea wall along Quay Street and add a footpath linking the ferry landing with the railway station. The first work is expected to begin next spring.',
    'The vote was eleven to four after a meeting that lasted more than six hours. Several councillors said they had received more letters about the harbour than about any other question since they were elected.',
    '“This is the biggest decision this council has made in a generation,” said Helen Okafor, who chairs the planning committee. “People have waited long enough. The harbour has been falling apart in front of us, and every winter the repairs cost more.”',
    'Opponents argued that the new hall would draw trade away from the shops on the High Street and that the estimated cost, now put at 38 million, was likely to rise. Councillor Tomas Brandt, who voted against the plan, said the town had not been told how the debt would be repaid.',
    '“Nobody in this chamber is against a better harbour,” he said. “But we are being asked to sign a cheque without knowing the final amount, and the people who will pay for it are the families in this room.”',
    'The harbour board has said that about half the money will come from a regional fund for coastal towns, with the rest borrowed over thirty years and repaid from rents in the new hall and from mooring fees, which will rise gradually from next year.',
    'Fishermen who still work from the harbour had asked for guarantees that their berths would be kept during the building work. The final plan sets aside the north basin for working boats and promises a temporary landing stage while the sea wall is rebuilt.',
    'Jonas Pell, whose family has fished from Port Averill for four generations, said he was relieved. “For years we were told the boats would have to move to Westcombe,” he said. “Now it is written down that we stay. That is what we came here for.”',
    'The meeting was interrupted twice, once when the public gallery applauded a speech by a retired harbour master, and once when the microphones failed and councillors had to shout across the chamber for twenty minutes.',
    'Residents of the streets behind the quay raised concerns about noise and lorries during construction. The council agreed to limit deliveries to weekday daytime hours and to publish a traffic plan before any work starts.',
    'The town’s heritage society welcomed a late change that keeps the iron roof of the fish market, built in the 1890s, as part of the new hall. The society had collected more than three thousand signatures asking for the roof to be saved.',
    '“The roof is the one thing everyone recognises,” said Agnes Morrow, the society’s secretary. “You can see it on every postcard of the town. Losing it would have been like losing the lighthouse.”',
    'Local traders are divided. The owner of a café on the seafront said a covered market would bring visitors through the winter months, when many businesses close. A bookseller on the High Street said he feared that shoppers would stop at the harbour and never walk up the hill.',
    'The plan also includes a small museum of the town’s boatbuilding history, run by volunteers, and a public slipway for rowing clubs, which have been launching from the beach since the old slipway was closed for safety reasons.',
    'Engineers told the meeting that the sea wall had been patched so often that parts of it were now more repair than wall. A report last year found that one stretch could fail in a severe storm, flooding the lower streets.',
    'The council will hold a further vote on the construction contract in the autumn, once tenders have been received. Councillors who opposed the plan said they would use that vote to press for a firm cap on the cost.',
    'Outside the town hall after midnight, a small crowd waited in the rain for the result. Some cheered when it was announced; others walked away in silence. “At least it is decided,” said one woman, folding her umbrella. “Now let us see if they can build it.”',
  ],
};
