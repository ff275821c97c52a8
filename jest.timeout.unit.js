jest.setTimeout(5000);
