import os
import requests
import yaml
from numpy import array

print(requests.get, array, os.getcwd(), yaml)
