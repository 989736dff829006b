"""The e-mail outbox: every e-mail the portal sends waits here until it is delivered.

A message is written to the database (in the transaction of whatever caused it) and sent by the task
worker after commit; a failed send keeps the message with its error and books the next attempt on the
register's schedule (OUTBOX_RETRIES), and `retry_outbox --schedule` books a round every few minutes
that sends whatever is due, so a mail server that is down for an hour delays e-mails, never loses them.
Staff who run the site see the waiting and failed messages in the admin ("E-posta kutusu").

`delivery.py` is the attempt-and-back-off engine itself, shared with the register's own outbox of
notifications to citizens (complaints.Notification), which sends SMS as well.

The outbox stands below every feature (it imports Django and Wagtail only): accounts, events and
assemblies send through `outbox.mail.send_email`.

Retention (KVKK, Law 6698 art. 7): a message holds its recipient's address and words written to them.
A sent message is deleted RETENTION_OUTBOX_DAYS (30) days after it was sent, one that was given up
30 days after it was written; the rule ("outbox_messages") is registered by accounts (accounts/apps.py),
which keeps the registry of retention rules and stands above the outbox.
"""
