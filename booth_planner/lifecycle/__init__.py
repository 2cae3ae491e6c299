"""The applicant lifecycle: from application to confirmed booth (pure domain, no storage).

- ``status``: the applicant statuses and the transitions allowed between them;
- ``curation``: documents and certificates, and which ones a category needs;
- ``holds``: booths held until a deadline, and offers to the waitlist;
- ``payment``: payment status, the amount due from the booths' prices, the payment list;
- ``waitlist``: who should get a freed booth (unrepresented region first);
- ``messages``: ready texts and wa.me links for exhibitors.
"""
