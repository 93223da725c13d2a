"""A minimal AWS End User Messaging SMS (``pinpoint-sms-voice-v2``): the phone numbers a test
requests there, to import into Amazon Connect. Laid out as a moto service package, and named as
moto names one (the service name without hyphens): moto finds the botocore model of a package's
errors from the second part of its module name (``moto_connect_ext.pinpointsmsvoicev2...``).
"""
